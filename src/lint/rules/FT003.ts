import { ALL_PROFILES, defineRule, lineEndOf, lineStartOf } from "../rule.js";
import { ancestors, field, named } from "../python.js";
import { boundNames } from "./FT002.js";

export default defineRule({
  meta: {
    id: "FT003",
    severity: "error",
    title: "No module-level connector = Connector(...)",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "Fivetran SDK reference (global Connector object); evaluation checklist",
  },
  check(ctx) {
    const p = ctx.project;
    if (!p.main || p.main.parsed.errors.length) return;
    const cc = p.connectorCall;
    if (!cc) {
      ctx.report({
        file: p.main.file,
        start: 0,
        end: 0,
        message: "no Connector(...) object is created; the runtime imports connector.py and looks for a module-level `connector = Connector(update=update, schema=schema)`",
      });
      return;
    }
    const { mod, call } = cc;
    if (mod.atImportTime(call)) return;
    const guard = ancestors(call).find((a) => mod.mainBlocks.includes(a) || mod.brokenMainBlocks.includes(a));
    const stmt = call.parent?.type === "assignment" ? call.parent.parent : undefined;
    let fix;
    // Safe only for `name = Connector(...)` directly in the guard's body whose arguments are module-level names.
    if (guard && stmt?.type === "expression_statement" && stmt.parent?.parent === guard && field(call.parent, "left")?.type === "identifier") {
      const moduleNames = new Set<string>();
      for (const c of mod.root.children) {
        if (c.type === "function_definition") moduleNames.add(mod.t(field(c, "name")));
        if (c.type === "decorated_definition") moduleNames.add(mod.t(field(field(c, "definition"), "name")));
        if (c.type === "import_from_statement" || c.type === "import_statement") boundNames(mod).forEach((n) => moduleNames.add(n));
      }
      const args = named(field(call, "arguments")!).map((a) => (a.type === "keyword_argument" ? field(a, "value") : a));
      if (args.every((a) => a?.type === "identifier" && moduleNames.has(mod.t(a)))) {
        const s = lineStartOf(mod.source, stmt.start);
        const e = lineEndOf(mod.source, stmt.end);
        const gs = lineStartOf(mod.source, guard.start);
        fix = {
          description: "move the Connector(...) assignment to module level, just before the __main__ guard",
          edits: [
            { start: gs, end: gs, newText: mod.t(stmt) + "\n\n" },
            { start: s, end: e, newText: "" },
          ],
        };
      }
    }
    ctx.report({
      file: mod.file,
      start: call.start,
      end: call.end,
      message: "Connector(...) is created inside a function or the __main__ block; in production the module is imported, so the connector object never exists. Create it at module level",
      fix,
    });
  },
});
