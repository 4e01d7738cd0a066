import { ALL_PROFILES, defineRule } from "../rule.js";
import { configReads } from "../config.js";

export default defineRule({
  meta: {
    id: "FT05F",
    severity: "error",
    title: "No configuration.json in the project folder",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    // What 3.0.0's `fivetran debug` refuses; older releases are not known to, so they are not told so.
    minSdk: "3.0.0",
    guideline: "fivetran debug 3.0.0 refuses a folder without configuration.json; docs: working with configuration.json",
  },
  check(ctx) {
    const p = ctx.project;
    // Only a connector folder: without connector.py FT001 says what is wrong.
    if (!p.main || p.config) return;
    // The keys the code reads, as <UPPER_SNAKE> placeholders to fill in; none gives {} (a connector with no settings).
    const keys = [...new Set(configReads(p).reads.map((r) => r.key))];
    const text = keys.length ? `{\n${keys.map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(`<${k.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}>`)}`).join(",\n")}\n}\n` : "{}\n";
    ctx.report({
      file: "configuration.json",
      start: 0,
      end: 0,
      message: `there is no configuration.json; fivetran debug (SDK 3.0) refuses to run without one. Create it: ${keys.length ? `a JSON object with the keys the code reads (${keys.join(", ")})` : "{} if the connector needs no settings"}`,
      fix: {
        description: keys.length ? "create configuration.json with a placeholder for each key the code reads" : "create configuration.json holding {}",
        edits: [{ file: "configuration.json", start: 0, end: 0, newText: text }],
      },
    });
  },
});
