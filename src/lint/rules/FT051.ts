import { ALL_PROFILES, defineRule } from "../rule.js";
import { configMembers } from "../config.js";

export default defineRule({
  meta: {
    id: "FT051",
    severity: "error",
    title: "Non-string scalar values in configuration.json",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines (all values are strings); docs: configuration.json; SDK source (check_dict)",
  },
  check(ctx) {
    const c = ctx.project.config!;
    for (const m of configMembers(ctx.project)) {
      const v = m.value;
      if (v.kind !== "number" && v.kind !== "boolean" && v.kind !== "null") continue;
      const s = v.kind === "null" ? "" : c.text.slice(v.start, v.end);
      ctx.report({
        file: c.file,
        start: v.start,
        end: v.end,
        message: `"${m.key}" is a ${v.kind}; every configuration value must be a string (the SDK stops with "all values must be strings"). Convert it in code with int()/== "true"`,
        fix: { description: `write "${s}"`, edits: [{ start: v.start, end: v.end, newText: JSON.stringify(s) }] },
      });
    }
  },
});
