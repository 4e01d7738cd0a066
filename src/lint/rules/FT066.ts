import { ALL_PROFILES, defineRule } from "../rule.js";
import { declared, removeRequirement } from "../deps.js";
import { STDLIB } from "../stdlib.js";

export default defineRule({
  meta: { id: "FT066", severity: "warning", title: "Standard-library module listed as a requirement", fixable: "safe", profiles: ALL_PROFILES, guideline: "docs: managing project dependencies" },
  check(ctx) {
    const d = declared(ctx.project);
    for (const r of d?.reqs ?? []) {
      const mod = r.normalized.replace(/-/g, "_");
      if (!STDLIB.has(mod) || r.url) continue;
      ctx.report({
        file: d!.file,
        start: r.start,
        end: r.end,
        message: `${r.name} is part of the Python standard library; the PyPI package of that name is an unrelated back-port or squat. Remove it`,
        fix: { description: "remove the requirement", edits: [removeRequirement(ctx.project, d!.file, r)] },
      });
    }
  },
});
