import { ALL_PROFILES, defineRule } from "../rule.js";
import { reportPreinstalled } from "../deps.js";

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
    reportPreinstalled(ctx, "requests", "requests is pre-installed in the runtime; declaring it can cause dependency conflicts. Remove it");
  },
});
