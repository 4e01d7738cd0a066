import { ALL_PROFILES, defineRule } from "../rule.js";
import { configMembers, configReads } from "../config.js";
import { findAll } from "../python.js";

export default defineRule({
  meta: { id: "FT054", severity: "warning", title: "Key in configuration.json never read", fixable: "suggest", profiles: ALL_PROFILES, guideline: "configuration review rules (no unused fields)" },
  check(ctx) {
    const p = ctx.project;
    const c = p.config;
    const members = configMembers(p);
    if (!c || members.length === 0 || p.modules.length === 0) return;
    const { dynamic } = configReads(p);
    if (dynamic) return;
    // Any string literal equal to the key counts as a read: keys are often held in constants or lists.
    const literals = new Set<string>();
    for (const mod of p.modules)
      for (const n of findAll(mod.root, "string")) {
        const s = mod.str(n);
        if (s !== undefined) literals.add(s);
      }
    members.forEach((m, i) => {
      if (literals.has(m.key)) return;
      const prevEnd = i > 0 ? members[i - 1].end : undefined;
      const edit = prevEnd !== undefined ? { start: prevEnd, end: m.end } : { start: m.start, end: members[1] ? members[1].start : m.end };
      ctx.report({
        file: c.file,
        start: m.keyStart,
        end: m.keyEnd,
        message: `configuration key "${m.key}" is never read by the code; remove it or use it`,
        fix: { description: `remove "${m.key}"`, safe: false, edits: [{ ...edit, newText: "" }] },
      });
    });
  },
});
