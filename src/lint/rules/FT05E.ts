import { ALL_PROFILES, defineRule } from "../rule.js";
import { field } from "../python.js";

export default defineRule({
  meta: {
    id: "FT05E",
    severity: "error",
    title: '__name__ compared to something other than "__main__"',
    fixable: "safe",
    profiles: ALL_PROFILES,
    // `fivetran debug` never runs the block, so the SDK accepts the file: a warning under the sdk profile.
    severityUnder: { sdk: "warning" },
    guideline: "Python semantics (the block never runs)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const b of mod.brokenMainBlocks) {
        const cond = field(b, "condition")!;
        const t = mod.t(cond).replace(/\s+/g, " ");
        if (!/^__name__ (==|is) ["'][^"']*["']$|^["'][^"']*["'] (==|is) __name__$/.test(t)) continue;
        ctx.report({
          file: mod.file,
          start: cond.start,
          end: cond.end,
          message: `'${t}' is never true when the file is run, so the debug block never executes; use __name__ == "__main__"`,
          fix: { description: 'use __name__ == "__main__"', edits: [{ start: cond.start, end: cond.end, newText: '__name__ == "__main__"' }] },
        });
      }
  },
});
