import { ALL_PROFILES, defineRule } from "../rule.js";
import { schemaTables } from "../helpers.js";
import { field } from "../python.js";

export default defineRule({
  meta: { id: "FT034", severity: "warning", title: "Table declared without primary_key", fixable: "none", profiles: ALL_PROFILES, guideline: "docs: schema management; evaluation checklist" },
  check(ctx) {
    for (const t of schemaTables(ctx.project).tables) {
      if (t.entries.some((e) => e.key === "primary_key")) continue;
      // entry = {"table": name}, then `if pks: entry["primary_key"] = pks`: the key is added when there is one.
      const assign = t.dict.parent?.type === "assignment" ? field(t.dict.parent, "left") : undefined;
      const fn = t.mod.functionOf(t.dict);
      if (assign?.type === "identifier" && fn && new RegExp(`\\b${t.mod.t(assign)}\\s*\\[\\s*["']primary_key["']\\s*\\]\\s*=[^=]|\\b${t.mod.t(assign)}\\.update\\(`).test(t.mod.t(fn.node))) continue;
      ctx.report({
        file: t.mod.file,
        start: t.dict.start,
        end: t.dict.end,
        message: `table "${t.name ?? "?"}" has no primary_key; Fivetran then hashes every value into _fivetran_id, so updates and deletes cannot target rows`,
      });
    }
  },
});
