import { ALL_PROFILES, defineRule } from "../rule.js";
import { configMembers, configReads, formFieldNames } from "../config.js";

export default defineRule({
  meta: {
    id: "FT053",
    severity: "warning",
    title: "Key read in code but absent from configuration.json",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "configuration review rules (every field the code needs is present); seed guidelines",
  },
  check(ctx) {
    const p = ctx.project;
    const c = p.config;
    if (!c?.json || c.json.kind !== "object") return;
    const present = new Set([...configMembers(p).map((m) => m.key), ...formFieldNames(p)]);
    const seen = new Set<string>();
    const { reads } = configReads(p);
    // A key read both ways is required: report the strongest read once.
    reads.sort((a, b) => Number(a.guarded) - Number(b.guarded));
    for (const r of reads) {
      if (present.has(r.key) || seen.has(r.key)) continue;
      seen.add(r.key);
      const required = (r.kind === "subscript" && !r.guarded) || r.kind === "required-list";
      const obj = c.json;
      const last = obj.members[obj.members.length - 1];
      const insertAt = last ? last.end : obj.start + 1;
      const indent = last ? (/\n([ \t]*)"[^\n]*$/.exec(c.text.slice(0, last.start))?.[1] ?? "  ") : "  ";
      ctx.report({
        file: r.mod.file,
        start: r.node.start,
        end: r.node.end,
        severity: required ? "warning" : "info",
        message: required
          ? `configuration key "${r.key}" is required by the code but missing from configuration.json; the sync fails with KeyError`
          : `optional configuration key "${r.key}" is not in configuration.json; add it if users should set it`,
        fix: {
          description: `add "${r.key}" to configuration.json`,
          safe: false,
          edits: [
            { file: c.file, start: insertAt, end: insertAt, newText: `${last ? "," : ""}\n${indent}${JSON.stringify(r.key)}: ${JSON.stringify(`<YOUR_${r.key.toUpperCase()}>`)}${last ? "" : "\n"}` },
          ],
        },
      });
    }
  },
});
