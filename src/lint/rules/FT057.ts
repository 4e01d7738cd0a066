import { ALL_PROFILES, defineRule } from "../rule.js";
import { configMembers, formFieldNames } from "../config.js";

export default defineRule({
  meta: { id: "FT057", severity: "error", title: "More than 100 configuration fields", fixable: "none", profiles: ALL_PROFILES, guideline: "changelog Jan 2025 (max 100 fields); SDK source" },
  check(ctx) {
    const c = ctx.project.config;
    const n = configMembers(ctx.project).length;
    const form = formFieldNames(ctx.project).size;
    if (c?.json && (n > 100 || form > 100))
      ctx.report({ file: c.file, start: c.json.start, end: c.json.start + 1, message: `configuration has ${Math.max(n, form)} fields; deploy rejects more than 100` });
  },
});
