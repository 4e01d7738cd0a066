import { ALL_PROFILES, defineRule } from "../rule.js";
import { dictKeys, schemaTables } from "../helpers.js";
import { named, unparen, walk } from "../python.js";

const PK_TYPOS = new Set(["primary_keys", "pk", "pks", "primarykey", "primaryKey", "primary_key_columns", "key", "keys", "primary"]);
const VALID = new Set(["table", "primary_key", "columns"]);

export default defineRule({
  meta: {
    id: "FT030",
    severity: "error",
    title: "Invalid schema() structure",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "SDK source (schema processing); Fivetran SDK reference (valid schema keys)",
  },
  check(ctx) {
    const p = ctx.project;
    const f = p.schema;
    if (!f) return;
    const mod = f.mod;
    const { tables, returns } = schemaTables(p);
    for (const r of returns) {
      const v = unparen(named(r)[0]);
      if (v && ["dictionary", "string", "integer", "none", "set", "tuple"].includes(v.type))
        ctx.report({ file: mod.file, start: v.start, end: v.end, message: "schema() must return a list of table dicts" });
    }
    walk(f.node, (n) => {
      if (n.type !== "dictionary") return;
      const keys = dictKeys(mod, n);
      if (keys && !keys.some((k) => k.key === "table") && keys.some((k) => k.key === "primary_key" || k.key === "columns") && n.parent?.type !== "pair") {
        ctx.report({ file: mod.file, start: n.start, end: n.end, message: 'schema entry has no "table" key; the SDK raises on it' });
      }
    });
    for (const t of tables) {
      if (t.nameNode && (t.name === "" || ["integer", "float", "none", "list", "true", "false"].includes(t.nameNode.type))) {
        ctx.report({ file: mod.file, start: t.nameNode.start, end: t.nameNode.end, message: "the table name must be a non-empty string" });
      }
      for (const e of t.entries) {
        if (VALID.has(e.key)) continue;
        if (PK_TYPOS.has(e.key) || PK_TYPOS.has(e.key.toLowerCase())) {
          ctx.report({
            file: mod.file,
            start: e.keyNode.start,
            end: e.keyNode.end,
            message: `"${e.key}" is not a schema key, so the SDK silently ignores it and the table gets no primary key; use "primary_key"`,
            fix: {
              description: 'rename to "primary_key" (on an existing connection a PK change needs a re-sync)',
              safe: false,
              edits: [{ start: e.keyNode.start, end: e.keyNode.end, newText: '"primary_key"' }],
            },
          });
        } else {
          ctx.report({ file: mod.file, start: e.keyNode.start, end: e.keyNode.end, severity: "warning", message: `"${e.key}" is not a schema key (table, primary_key, columns); the SDK ignores it` });
        }
      }
    }
  },
});
