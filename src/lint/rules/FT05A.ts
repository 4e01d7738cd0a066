import { ALL_PROFILES, defineRule } from "../rule.js";
import { findAll } from "../python.js";

export default defineRule({
  meta: {
    id: "FT05A",
    severity: "error",
    title: "configuration.json read outside __main__",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "docs: configuration.json (not stored in production; use the configuration argument)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const n of findAll(mod.root, "string")) {
        const s = mod.str(n);
        if (!s || !/(^|[\\/])configuration\.json$/.test(s) || mod.inMain(n)) continue;
        const call = n.parent?.parent;
        if (call?.type !== "call" || !/(^|\.)(open|Path|load|read_text|join)$/.test(mod.calleePath(call))) continue;
        ctx.report({
          file: mod.file,
          start: n.start,
          end: n.end,
          message: "configuration.json is read by connector code; in production the file does not exist. Use the configuration argument of update()/schema()",
        });
      }
  },
});
