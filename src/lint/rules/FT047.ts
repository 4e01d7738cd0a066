import { ALL_PROFILES, defineRule, lineEndOf, lineStartOf } from "../rule.js";
import { logCalls, statements } from "../helpers.js";
import { ancestors, field } from "../python.js";

export default defineRule({
  meta: { id: "FT047", severity: "error", title: "log.* called at import time", fixable: "safe", profiles: ALL_PROFILES, guideline: "SDK source (Logging.LOG_LEVEL is None until debug/run sets it)" },
  check(ctx) {
    const p = ctx.project;
    for (const { mod, call, method } of logCalls(p)) {
      const inDefault = ancestors(call).some((a) => a.type === "parameters");
      if (!mod.atImportTime(call) && !inDefault) continue;
      const stmt = call.parent;
      let fix;
      const u = p.update;
      if (stmt?.type === "expression_statement" && stmt.parent === mod.root && u && u.mod === mod) {
        const first = statements(field(u.node, "body"))[0];
        if (first) {
          const indent = /[ \t]*$/.exec(mod.source.slice(0, first.start))![0];
          fix = { description: "move the log call to the start of update()", edits: [{ start: lineStartOf(mod.source, stmt.start), end: lineEndOf(mod.source, stmt.end), newText: "" }, { start: lineStartOf(mod.source, first.start), end: lineStartOf(mod.source, first.start), newText: `${indent}${mod.t(stmt)}\n` }] };
        }
      }
      ctx.report({ file: mod.file, start: call.start, end: call.end, message: `log.${method}() at import time raises TypeError: the SDK sets the log level only when the sync starts. Log inside update()`, fix });
    }
  },
});
