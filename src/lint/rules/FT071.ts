import { ALL_PROFILES, defineRule } from "../rule.js";
import { field, findAll, named, walkScope } from "../python.js";

export default defineRule({
  meta: { id: "FT071", severity: "error", title: "Broad except that swallows the error", fixable: "none", profiles: ALL_PROFILES, guideline: "PR review rules; evaluation checklist; seed guidelines (error handling)" },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      const clauses = findAll(mod.root, "except_clause");
      for (const c of clauses) {
        const value = field(c, "value");
        const typeText = value ? mod.t(value.type === "as_pattern" ? named(value)[0] : value) : "";
        const broad = !value || /(^|[\s(,])(Exception|BaseException)([\s),]|$)/.test(typeText);
        if (!broad) continue;
        const body = c.children.find((x) => x.type === "block");
        if (!body) continue;
        let raises = false;
        walkScope(body, (n) => void (n.type === "raise_statement" && (raises = true)));
        if (raises) continue;
        const stmts = named(body);
        const silent = stmts.every((s) => s.type === "pass_statement" || s.type === "continue_statement" || (s.type === "expression_statement" && (named(s)[0]?.type === "ellipsis" || named(s)[0]?.type === "string")));
        const head = mod.t(c).split(":")[0];
        ctx.report({
          file: mod.file, start: c.start, end: c.start + head.length + 1, severity: silent ? "error" : "warning",
          message: silent ? `'${head}:' swallows every error silently; the sync reports success with missing data. Catch specific exceptions and re-raise (or log what is skipped)` : `'${head}:' catches every error and does not re-raise; make sure skipping is intended and logged, or catch specific exceptions`,
        });
      }
    }
  },
});
