import { defineRule, EXAMPLES_ONLY } from "../rule.js";
import { field, named, unparen } from "../python.js";

export default defineRule({
  meta: {
    id: "FT123",
    severity: "info",
    title: "Constants are __UPPER_SNAKE at module top; no magic numbers",
    fixable: "none",
    profiles: EXAMPLES_ONLY,
    guideline: "Python coding standards; PR review rules",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      for (const c of mod.root.children) {
        const a = c.type === "expression_statement" ? named(c)[0] : undefined;
        const left = a?.type === "assignment" ? field(a, "left") : undefined;
        if (left?.type !== "identifier") continue;
        const name = mod.t(left);
        if (/^[A-Z][A-Z0-9_]*$/.test(name)) ctx.report({ file: mod.file, start: left.start, end: left.end, message: `constant ${name} should be private: __${name}` });
      }
      for (const call of mod.calls) {
        if (!/(^|\.)(range|sleep|fetchmany)$/.test(mod.calleePath(call))) continue;
        for (const arg of mod.args(call).positional) {
          const v = unparen(arg)!;
          if ((v.type === "integer" || v.type === "float") && !["0", "1"].includes(mod.t(v)))
            ctx.report({ file: mod.file, start: v.start, end: v.end, message: `magic number ${mod.t(v)}; name it as a __CONSTANT at the top of the module` });
        }
      }
    }
  },
});
