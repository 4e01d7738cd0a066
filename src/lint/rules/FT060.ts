import { ALL_PROFILES, defineRule } from "../rule.js";
import { declared, removeRequirement } from "../deps.js";

export default defineRule({
  meta: {
    id: "FT060",
    severity: "warning",
    title: "fivetran-connector-sdk listed in requirements",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines; docs: managing project dependencies (pre-installed packages)",
  },
  check(ctx) {
    const d = declared(ctx.project);
    for (const r of d?.reqs ?? []) {
      if (r.normalized !== "fivetran-connector-sdk") continue;
      ctx.report({
        file: d!.file,
        start: r.start,
        end: r.end,
        message: "fivetran-connector-sdk is pre-installed in the runtime; declaring it can cause dependency conflicts. Remove it (set target_sdk instead to lint for an older SDK)",
        fix: { description: "remove the requirement", edits: [removeRequirement(ctx.project, d!.file, r)] },
      });
    }
  },
});
