import { ALL_PROFILES, defineRule } from "../rule.js";
import { declared } from "../deps.js";
import { DRIVER_DISTS } from "../stdlib.js";

export default defineRule({
  meta: {
    id: "FT067",
    severity: "info",
    title: "Package needing system drivers without drivers/installation.sh",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "docs troubleshooting (packages requiring drivers)",
  },
  check(ctx) {
    const p = ctx.project;
    const d = declared(p);
    if (p.hasDriversScript) return;
    for (const r of d?.reqs ?? []) {
      if (!DRIVER_DISTS.has(r.normalized)) continue;
      ctx.report({
        file: d!.file,
        start: r.start,
        end: r.end,
        message: `${r.name} needs system libraries that the runtime lacks; add drivers/installation.sh${r.normalized === "psycopg2" ? " or use psycopg2-binary" : ""}`,
      });
    }
  },
});
