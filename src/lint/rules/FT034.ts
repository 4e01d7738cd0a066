import { ALL_PROFILES, defineRule } from "../rule.js";
import { schemaTables } from "../helpers.js";

export default defineRule({
  meta: { id: "FT034", severity: "warning", title: "Table declared without primary_key", fixable: "none", profiles: ALL_PROFILES, guideline: "docs: schema management; evaluation checklist" },
  check(ctx) {
    for (const t of schemaTables(ctx.project).tables) {
      if (t.entries.some((e) => e.key === "primary_key")) continue;
      ctx.report({ file: t.mod.file, start: t.dict.start, end: t.dict.end, message: `table "${t.name ?? "?"}" has no primary_key; Fivetran then hashes every value into _fivetran_id, so updates and deletes cannot target rows` });
    }
  },
});
