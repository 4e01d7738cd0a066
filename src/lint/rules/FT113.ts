import { ALL_PROFILES, defineRule } from "../rule.js";
import { REMOVED } from "../stdlib.js";

export default defineRule({
  meta: {
    id: "FT113",
    severity: "error",
    title: "Imports a stdlib module removed in the runtime Python",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "PEP 594, PEP 632; the runtime defaults to Python 3.13",
  },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const imp of mod.imports) {
        const fulls = imp.isFrom ? [imp.module] : imp.names.map((n) => n.name);
        for (const full of fulls) {
          const top = full.split(".")[0];
          const v = REMOVED[top];
          if (v && imp.level === 0)
            ctx.report({
              file: mod.file,
              start: imp.node.start,
              end: imp.node.end,
              message: `${top} was removed from the standard library in Python ${v}; the default runtime (3.13) cannot import it`,
            });
        }
      }
  },
});
