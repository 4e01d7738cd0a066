import { ALL_PROFILES, defineRule } from "../rule.js";
import { dictKeys, opCalls, opTable, schemaTables } from "../helpers.js";
import { named } from "../python.js";

export default defineRule({
  meta: {
    id: "FT038",
    severity: "warning",
    title: "update/delete keys miss primary-key columns",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines (composite keys: all columns present); docs: supported operations",
  },
  check(ctx) {
    const p = ctx.project;
    const pks = new Map<string, string[]>();
    for (const t of schemaTables(p).tables) {
      const pk = t.entries.find((e) => e.key === "primary_key");
      if (!t.name || pk?.value.type !== "list") continue;
      const cols = named(pk.value).map((i) => t.mod.str(i));
      if (cols.every((c) => c !== undefined)) pks.set(t.name, cols);
    }
    for (const { mod, call, method } of opCalls(p)) {
      const argName = method === "upsert" ? "data" : method === "update" ? "modified" : method === "delete" ? "keys" : undefined;
      if (!argName) continue;
      const { name } = opTable(mod, call);
      const pk = name !== undefined ? pks.get(name) : undefined;
      const arg = mod.arg(call, 1, argName);
      const keys = dictKeys(mod, arg);
      if (!pk || !keys || !arg) continue;
      const missing = pk.filter((c) => !keys.some((k) => k.key === c));
      if (missing.length)
        ctx.report({
          file: mod.file,
          start: arg.start,
          end: arg.end,
          message: `op.${method}("${name}") is missing primary-key column(s) ${missing.map((m) => `"${m}"`).join(", ")}; every key column must be present to identify the row`,
        });
    }
  },
});
