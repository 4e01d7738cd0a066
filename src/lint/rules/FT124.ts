import { defineRule, EXAMPLES_ONLY } from "../rule.js";

export default defineRule({
  meta: { id: "FT124", severity: "info", title: "Every import has a comment", fixable: "none", profiles: EXAMPLES_ONLY, guideline: "Fivetran PR review rules" },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const imp of mod.imports) {
        if (imp.module === "__future__") continue;
        const li = mod.parsed.lines;
        const line = li.position(imp.node.start).line;
        if (/#/.test(li.lineText(li.position(imp.node.end).line)) || (line > 1 && /^\s*#/.test(li.lineText(line - 1)))) continue;
        ctx.report({ file: mod.file, start: imp.node.start, end: imp.node.end, message: "add a comment saying what this import is for" });
      }
  },
});
