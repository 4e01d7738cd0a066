import { ALL_PROFILES, defineRule, indentAt } from "../rule.js";
import { field } from "../python.js";

export default defineRule({
  meta: { id: "FT110", severity: "error", title: "Sync started at import time", fixable: "safe", profiles: ALL_PROFILES, guideline: "Fivetran SDK reference (debug only under the main guard)" },
  check(ctx) {
    const p = ctx.project;
    const cc = p.connectorCall;
    const connName = cc && cc.call.parent?.type === "assignment" ? cc.mod.t(field(cc.call.parent, "left")) : "connector";
    for (const mod of p.modules)
      for (const call of mod.calls) {
        if (!mod.atImportTime(call)) continue;
        const path = mod.calleePath(call);
        const isDebug = path === `${connName}.debug` || path === "connector.debug";
        const isSync = (path === p.update?.name || path === p.schema?.name) && !!path;
        if (!isDebug && !isSync) continue;
        const stmt = call.parent?.type === "expression_statement" && call.parent.parent === mod.root ? call.parent : undefined;
        const fix =
          stmt && indentAt(mod.source, stmt.start) === ""
            ? {
                description: 'put it under if __name__ == "__main__":',
                edits: [{ start: stmt.start, end: stmt.end, newText: `if __name__ == "__main__":\n    ${mod.t(stmt).replace(/\n/g, "\n    ")}` }],
              }
            : undefined;
        ctx.report({
          file: mod.file,
          start: call.start,
          end: call.end,
          message: `${path}() runs when the module is imported, so production and deploy tooling start a sync; call it only under if __name__ == "__main__":`,
          fix,
        });
      }
  },
});
