import { ALL_PROFILES, defineRule } from "../rule.js";
import { configMembers } from "../config.js";

const CODE_SETTING = /(page_?size|per_page|batch_?size|^limit$|max_retries|retr(y|ies)|timeout|parallelism|threads|max_workers|rate_limit|chunk|pagination)/i;

export default defineRule({
  meta: {
    id: "FT055",
    severity: "info",
    title: "Code settings in configuration.json",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "Fivetran SDK reference (only user inputs in configuration); seed guidelines allow optional parameters",
  },
  check(ctx) {
    const c = ctx.project.config;
    for (const m of configMembers(ctx.project)) {
      if (CODE_SETTING.test(m.key))
        ctx.report({ file: c!.file, start: m.keyStart, end: m.keyEnd, message: `"${m.key}" looks like a code setting; unless users must tune it, keep it as a constant in connector.py` });
    }
  },
});
