import { ALL_PROFILES, defineRule } from "../rule.js";
import { ancestors, field, findAll, named } from "../python.js";

export default defineRule({
  meta: { id: "FT072", severity: "info", title: "Re-raise without from e", fixable: "safe", profiles: ALL_PROFILES, guideline: "Python coding standards (flake8-bugbear B904)" },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const n of findAll(mod.root, "raise_statement")) {
        if (field(n, "cause")) continue;
        const exc = named(n)[0];
        if (!exc || exc.type !== "call") continue;
        let clause;
        for (const a of ancestors(n)) {
          if (a.type === "function_definition" || a.type === "lambda" || a.type === "class_definition") break;
          if (a.type === "except_clause") {
            clause = a;
            break;
          }
        }
        const alias = clause && field(field(clause, "value"), "alias");
        if (!alias) continue;
        const name = mod.t(alias);
        ctx.report({
          file: mod.file,
          start: n.start,
          end: n.end,
          message: `raise inside 'except ... as ${name}' without 'from ${name}'; chain it so the original traceback is kept`,
          fix: { description: `append from ${name}`, edits: [{ start: exc.end, end: exc.end, newText: ` from ${name}` }] },
        });
      }
  },
});
