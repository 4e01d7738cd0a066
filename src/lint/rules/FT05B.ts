import { ALL_PROFILES, defineRule } from "../rule.js";
import { insertLine } from "../helpers.js";

const ANCHORED = 'os.path.join(os.path.dirname(os.path.abspath(__file__)), "configuration.json")';

export default defineRule({
  meta: {
    id: "FT05B",
    severity: "warning",
    title: "Fragile configuration path in __main__",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines snippet (absolute path bug); template connector",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      const hasOs = mod.imports.some((i) => !i.isFrom && i.names.some((n) => n.name === "os" && !n.alias));
      let importOffered = false;
      for (const call of mod.calls) {
        if (!mod.inMain(call) || !/(^|\.)open$/.test(mod.calleePath(call))) continue;
        const arg = mod.arg(call, 0, "file");
        const s = mod.str(arg);
        if (!arg || !s || !/configuration\.json$/.test(s)) continue;
        const absolute = s.startsWith("/") || /^[A-Za-z]:[\\/]/.test(s);
        const edits = [{ start: arg.start, end: arg.end, newText: ANCHORED }];
        if (!hasOs) {
          if (importOffered) continue;
          edits.push(insertLine(mod, "import os"));
          importOffered = true;
        }
        ctx.report({
          file: mod.file,
          start: arg.start,
          end: arg.end,
          severity: absolute ? "warning" : "info",
          message: absolute
            ? `"${s}" reads from the filesystem root and raises FileNotFoundError; anchor the path to this file`
            : `"${s}" is relative to the current directory, so running from elsewhere fails; anchor it to __file__`,
          fix: { description: "anchor the path to this file's folder", edits },
        });
      }
    }
  },
});
