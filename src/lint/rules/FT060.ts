import { ALL_PROFILES, defineRule } from "../rule.js";
import { reportPreinstalled } from "../deps.js";

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
    reportPreinstalled(
      ctx,
      "fivetran-connector-sdk",
      "fivetran-connector-sdk is pre-installed in the runtime; declaring it can cause dependency conflicts. Remove it (set target_sdk instead to lint for an older SDK)",
    );
  },
});
