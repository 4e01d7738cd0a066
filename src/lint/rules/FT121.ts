import { defineRule, EXAMPLES_ONLY } from "../rule.js";
import { field, named } from "../python.js";

export default defineRule({
  meta: { id: "FT121", severity: "info", title: "Every function has a docstring", fixable: "none", profiles: EXAMPLES_ONLY, guideline: "Fivetran PR review rules (docstrings)" },
  check(ctx) {
    for (const mod of ctx.project.modules) for (const f of mod.functions) {
      const first = named(field(f.node, "body")!)[0];
      if (first?.type === "expression_statement" && named(first)[0]?.type === "string") continue;
      const n = field(f.node, "name")!;
      ctx.report({ file: mod.file, start: n.start, end: n.end, message: `${f.name}() has no docstring; Fivetran examples document every function (purpose, Args, Returns)` });
    }
  },
});
