import { defineRule, EXAMPLES_ONLY } from "../rule.js";
import { configMembers } from "../config.js";

export default defineRule({
  meta: {
    id: "FT126",
    severity: "info",
    title: "configuration.json values use <UPPER_SNAKE_PLACEHOLDER> form",
    fixable: "safe",
    profiles: EXAMPLES_ONLY,
    guideline: "configuration review rules (placeholder values)",
  },
  check(ctx) {
    const c = ctx.project.config;
    for (const m of configMembers(ctx.project)) {
      if (m.value.kind !== "string" || /^<[A-Z0-9_]+>$/.test(m.value.value)) continue;
      // Only values that are already placeholders are rewritten: real values stay for local runs.
      const looksPlaceholder = /^<.*>$|^YOUR[_ -]/i.test(m.value.value);
      const norm = `<${m.value.value
        .replace(/^<|>$/g, "")
        .trim()
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, "_")
        .replace(/^_|_$/g, "")}>`;
      ctx.report({
        file: c!.file,
        start: m.value.start,
        end: m.value.end,
        message: `"${m.key}" should hold a placeholder such as ${looksPlaceholder ? norm : `<${m.key.toUpperCase()}>`}`,
        fix: looksPlaceholder ? { description: `write ${norm}`, edits: [{ start: m.value.start, end: m.value.end, newText: JSON.stringify(norm) }] } : undefined,
      });
    }
  },
});
