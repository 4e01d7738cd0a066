import { ALL_PROFILES, defineRule } from "../rule.js";
import { configMembers } from "../config.js";

export default defineRule({
  meta: {
    id: "FT052",
    severity: "error",
    title: "Nested objects or arrays in configuration.json",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "Fivetran SDK reference (flat key/value pairs); docs: configuration.json",
  },
  check(ctx) {
    const c = ctx.project.config!;
    for (const m of configMembers(ctx.project)) {
      const v = m.value;
      if (v.kind !== "object" && v.kind !== "array") continue;
      const compact = JSON.stringify(JSON.parse(c.text.slice(v.start, v.end)));
      ctx.report({
        file: c.file,
        start: v.start,
        end: v.end,
        message: `"${m.key}" is a nested ${v.kind}; configuration values must be strings. Store it as a JSON string and json.loads() it in code`,
        fix: { description: "store the value as a JSON string (then parse it with json.loads in the code)", safe: false, edits: [{ start: v.start, end: v.end, newText: JSON.stringify(compact) }] },
      });
    }
  },
});
