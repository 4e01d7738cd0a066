import { ALL_PROFILES, defineRule } from "../rule.js";
import { declared, removeRequirement } from "../deps.js";
import { distsFor, looselyProvides, PLUGIN_DISTS } from "../stdlib.js";
import { normalizeName } from "../requirements.js";

export default defineRule({
  meta: {
    id: "FT064",
    severity: "info",
    title: "Declared requirement never imported",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "Fivetran coding principles (only necessary dependencies)",
  },
  check(ctx) {
    const p = ctx.project;
    const d = declared(p);
    if (!d) return;
    const used = new Set<string>();
    const tops = new Set<string>();
    for (const mod of p.modules)
      for (const imp of mod.imports) {
        const fulls = imp.isFrom ? [imp.module] : imp.names.map((n) => n.name);
        for (const full of fulls) {
          tops.add(full.split(".")[0]);
          for (const dist of distsFor(full.split(".")[0], full)) used.add(normalizeName(dist));
        }
      }
    for (const r of d.reqs) {
      if (used.has(r.normalized) || PLUGIN_DISTS.has(r.normalized) || ["fivetran-connector-sdk", "requests"].includes(r.normalized)) continue;
      if ([...tops].some((t) => t && looselyProvides(r.normalized, t))) continue;
      if ([...used].some((u) => r.normalized.startsWith(u + "-") || u.startsWith(r.normalized + "-"))) continue;
      ctx.report({
        file: d.file,
        start: r.start,
        end: r.end,
        message: `${r.name} is declared but no project module imports it; remove it unless something loads it indirectly`,
        fix: { description: "remove the requirement", safe: false, edits: [removeRequirement(p, d.file, r)] },
      });
    }
  },
});
