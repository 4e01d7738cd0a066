import { ALL_PROFILES, defineRule } from "../rule.js";
import { declared, removeRequirement } from "../deps.js";

export default defineRule({
  meta: {
    id: "FT061",
    severity: "warning",
    title: "requests listed in requirements",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines; docs: managing project dependencies (pre-installed packages)",
  },
  check(ctx) {
    const d = declared(ctx.project);
    for (const r of d?.reqs ?? []) {
      if (r.normalized !== "requests") continue;
      ctx.report({
        file: d!.file,
        start: r.start,
        end: r.end,
        message: "requests is pre-installed in the runtime; declaring it can cause dependency conflicts. Remove it",
        fix: { description: "remove the requirement", edits: [removeRequirement(ctx.project, d!.file, r)] },
      });
    }
  },
});
