import { ALL_PROFILES, defineRule } from "../rule.js";
import { dictKeys, schemaTables } from "../helpers.js";
import { unparen } from "../python.js";

export const COLUMN_TYPES = new Set(["BOOLEAN", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE", "NAIVE_DATE", "NAIVE_DATETIME", "UTC_DATETIME", "BINARY", "XML", "STRING", "JSON"]);
const SUGGEST: Record<string, string> = {
  INTEGER: "INT",
  BIGINT: "LONG",
  SMALLINT: "SHORT",
  TIMESTAMP: "UTC_DATETIME",
  DATETIME: "NAIVE_DATETIME",
  DATE: "NAIVE_DATE",
  BOOL: "BOOLEAN",
  TEXT: "STRING",
  VARCHAR: "STRING",
  STR: "STRING",
  NUMBER: '{"type": "DECIMAL", "precision": 38, "scale": 10}',
  NUMERIC: '{"type": "DECIMAL", "precision": 38, "scale": 10}',
  FLOAT64: "DOUBLE",
  DICT: "JSON",
  OBJECT: "JSON",
};

export default defineRule({
  meta: { id: "FT031", severity: "error", title: "Invalid column type", fixable: "suggest", profiles: ALL_PROFILES, guideline: "docs: supported data types; SDK source (schema processing)" },
  check(ctx) {
    const { tables } = schemaTables(ctx.project);
    for (const t of tables) {
      const mod = t.mod;
      const cols = t.entries.find((e) => e.key === "columns");
      const entries = cols && dictKeys(mod, cols.value);
      for (const c of entries ?? []) {
        const v = unparen(c.value)!;
        const s = mod.str(v);
        if (s !== undefined) {
          const up = s.toUpperCase();
          if (up === "DECIMAL")
            ctx.report({
              file: mod.file,
              start: v.start,
              end: v.end,
              message: `column "${c.key}": bare "DECIMAL" is rejected; give precision and scale: {"type": "DECIMAL", "precision": 15, "scale": 2}`,
            });
          else if (up === "NAIVE_TIME") ctx.report({ file: mod.file, start: v.start, end: v.end, message: `column "${c.key}": NAIVE_TIME is not accepted in schema(); use STRING` });
          else if (!COLUMN_TYPES.has(up)) {
            const sug = SUGGEST[up];
            ctx.report({
              file: mod.file,
              start: v.start,
              end: v.end,
              message: `column "${c.key}": "${s}" is not a column type${sug ? `; the closest is ${sug}` : ""}`,
              fix: sug ? { description: `use ${sug}`, safe: false, edits: [{ start: v.start, end: v.end, newText: sug.startsWith("{") ? sug : `"${sug}"` }] } : undefined,
            });
          } else if (s !== up) {
            ctx.report({
              file: mod.file,
              start: v.start,
              end: v.end,
              severity: "info",
              message: `column "${c.key}": type names are upper case by convention ("${up}")`,
              fix: { description: `write "${up}"`, safe: true, edits: [{ start: v.start, end: v.end, newText: `"${up}"` }] },
            });
          }
        } else if (v.type === "dictionary") {
          const d = dictKeys(mod, v);
          const get = (k: string) => d?.find((e) => e.key === k)?.value;
          const ok =
            d &&
            mod.str(get("type"))?.toUpperCase() === "DECIMAL" &&
            ["integer", "identifier"].includes(get("precision")?.type ?? "") &&
            ["integer", "identifier"].includes(get("scale")?.type ?? "") &&
            d.length === 3;
          if (!ok) ctx.report({ file: mod.file, start: v.start, end: v.end, message: `column "${c.key}": a dict type must be exactly {"type": "DECIMAL", "precision": <int>, "scale": <int>}` });
        } else if (["integer", "float", "list", "none", "true", "false"].includes(v.type)) {
          ctx.report({ file: mod.file, start: v.start, end: v.end, message: `column "${c.key}": a column type is a string such as "STRING" or a DECIMAL dict` });
        }
      }
    }
  },
});
