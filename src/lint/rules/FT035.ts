import { ALL_PROFILES, defineRule } from "../rule.js";
import { schemaTables } from "../helpers.js";
import { named, unparen } from "../python.js";

export default defineRule({
  meta: {
    id: "FT035",
    severity: "error",
    title: "primary_key not a non-empty list of strings",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "docs: supported methods; SDK source (iterates the primary_key value)",
  },
  check(ctx) {
    for (const t of schemaTables(ctx.project).tables) {
      const mod = t.mod;
      const pk = t.entries.find((e) => e.key === "primary_key");
      if (!pk) continue;
      const v = unparen(pk.value)!;
      if (mod.str(v) !== undefined) {
        ctx.report({
          file: mod.file,
          start: v.start,
          end: v.end,
          message: `primary_key is the string ${mod.t(v)}; the SDK iterates it character by character and creates one key column per letter. Use a list`,
          fix: { description: "wrap it in a list", edits: [{ start: v.start, end: v.end, newText: `[${mod.t(v)}]` }] },
        });
      } else if (v.type === "list" || v.type === "tuple") {
        const items = named(v);
        if (items.length === 0)
          ctx.report({
            file: mod.file,
            start: v.start,
            end: v.end,
            severity: "warning",
            message: "primary_key is empty, so the table gets no key (as without primary_key); list the key columns or drop the entry",
          });
        else if (items.some((i) => mod.str(i) === undefined && i.type !== "identifier"))
          ctx.report({ file: mod.file, start: v.start, end: v.end, message: "primary_key must list column names as strings" });
      } else if (["integer", "float", "none", "dictionary", "true", "false"].includes(v.type)) {
        ctx.report({ file: mod.file, start: v.start, end: v.end, message: "primary_key must be a list of column names" });
      }
    }
  },
});
