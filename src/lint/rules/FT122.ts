import { defineRule, EXAMPLES_ONLY } from "../rule.js";
import { opCalls } from "../helpers.js";

export default defineRule({
  meta: { id: "FT122", severity: "info", title: "Explanatory comment above each upsert, checkpoint and the main block", fixable: "none", profiles: EXAMPLES_ONLY, guideline: "Fivetran PR review rules (standard comment blocks)" },
  check(ctx) {
    const p = ctx.project;
    const hasCommentAbove = (mod: (typeof p.modules)[number], offset: number) => {
      const line = mod.parsed.lines.position(offset).line;
      return line > 1 && /^\s*#/.test(mod.parsed.lines.lineText(line - 1));
    };
    for (const { mod, call, method } of opCalls(p)) {
      if ((method === "upsert" || method === "checkpoint") && call.parent?.type === "expression_statement" && !hasCommentAbove(mod, call.start)) ctx.report({ file: mod.file, start: call.start, end: call.end, message: `add the explanatory comment block above op.${method}()` });
    }
    for (const mod of p.modules) for (const b of mod.mainBlocks) if (!hasCommentAbove(mod, b.start)) ctx.report({ file: mod.file, start: b.start, end: b.start + 2, message: "add the explanatory comment block above the __main__ block" });
  },
});
