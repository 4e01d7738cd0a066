import { ALL_PROFILES, defineRule } from "../rule.js";

export default defineRule({
  meta: { id: "FT050", severity: "error", title: "configuration.json is not a JSON object", fixable: "none", profiles: ALL_PROFILES, guideline: "docs: working with configuration.json" },
  check(ctx) {
    const c = ctx.project.config;
    if (!c) return;
    if (c.error) ctx.report({ file: c.file, start: c.error.offset, end: c.error.offset + 1, message: `configuration.json is not valid JSON: ${c.error.message}` });
    else if (c.json && c.json.kind !== "object")
      ctx.report({
        file: c.file,
        start: c.json.start,
        end: c.json.end,
        message: `configuration.json must hold one JSON object of key/value pairs, not a${c.json.kind === "array" ? "n array" : ` ${c.json.kind}`}`,
      });
  },
});
