import { defineRule, EXAMPLES_ONLY } from "../rule.js";
import { field, walkScope } from "../python.js";

const BRANCHES = new Set([
  "if_statement",
  "elif_clause",
  "for_statement",
  "while_statement",
  "except_clause",
  "conditional_expression",
  "boolean_operator",
  "if_clause",
  "case_clause",
  "with_statement",
]);

export default defineRule({
  meta: { id: "FT125", severity: "info", title: "Function too complex", fixable: "none", profiles: EXAMPLES_ONLY, guideline: "Python coding standards; PR review rules (complexity < 10)" },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const f of mod.functions) {
        let c = 1;
        walkScope(f.node, (n) => void (BRANCHES.has(n.type) && c++));
        if (c >= 10) {
          const n = field(f.node, "name")!;
          ctx.report({ file: mod.file, start: n.start, end: n.end, message: `${f.name}() has cyclomatic complexity ${c} (limit 9); split it into helpers` });
        }
      }
  },
});
