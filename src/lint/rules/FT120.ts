import { defineRule, EXAMPLES_ONLY } from "../rule.js";
import { statements } from "../helpers.js";
import { field, named } from "../python.js";

export default defineRule({
  meta: {
    id: "FT120",
    severity: "info",
    title: "update() starts with the example banner log.warning",
    fixable: "safe",
    profiles: EXAMPLES_ONLY,
    guideline: "Fivetran repository CI and PR review rules",
  },
  check(ctx) {
    const f = ctx.project.update;
    if (!f) return;
    const mod = f.mod;
    const stmts = statements(field(f.node, "body")).filter((s) => !(s.type === "expression_statement" && named(s)[0]?.type === "string"));
    const first = stmts[0];
    const call = first && named(first)[0];
    if (call?.type === "call" && mod.logMethod(call) === "warning" && /^Example: /.test(mod.str(mod.args(call).positional[0]) ?? mod.t(mod.args(call).positional[0]).replace(/^f?["']/, ""))) return;
    const log = [...mod.log][0];
    const indent = first ? /[ \t]*$/.exec(mod.source.slice(0, first.start))![0] : "    ";
    ctx.report({
      file: mod.file,
      start: field(f.node, "name")!.start,
      end: field(f.node, "name")!.end,
      message: 'Fivetran examples start update() with log.warning("Example: <CATEGORY> : <EXAMPLE_NAME>")',
      fix:
        log && first
          ? { description: "insert the banner line", edits: [{ start: first.start, end: first.start, newText: `${log}.warning("Example: <CATEGORY> : <EXAMPLE_NAME>")\n${indent}` }] }
          : undefined,
    });
  },
});
