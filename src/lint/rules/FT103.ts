import { ALL_PROFILES, defineRule } from "../rule.js";
import { dictKeys, opCalls, opTable, schemaTables } from "../helpers.js";
import { unparen } from "../python.js";

export default defineRule({
  meta: {
    id: "FT103",
    severity: "warning",
    title: "json.dumps() value sent into a JSON column",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "docs troubleshooting (JSON data with backslashes)",
  },
  check(ctx) {
    const p = ctx.project;
    const jsonCols = new Map<string, Set<string>>();
    for (const t of schemaTables(p).tables) {
      const cols = dictKeys(t.mod, t.entries.find((e) => e.key === "columns")?.value) ?? [];
      jsonCols.set(t.name ?? "", new Set(cols.filter((c) => t.mod.str(c.value)?.toUpperCase() === "JSON").map((c) => c.key)));
    }
    for (const { mod, call, method } of opCalls(p)) {
      if (method !== "upsert" && method !== "update") continue;
      const table = opTable(mod, call).name;
      for (const k of dictKeys(mod, mod.arg(call, 1, method === "upsert" ? "data" : "modified")) ?? []) {
        const v = unparen(k.value)!;
        if (v.type !== "call" || !/(^|\.)json\.dumps$/.test(mod.calleePath(v))) continue;
        const a = mod.args(v);
        const declared = table !== undefined && jsonCols.get(table)?.has(k.key);
        ctx.report({
          file: mod.file,
          start: v.start,
          end: v.end,
          severity: declared ? "warning" : "info",
          message: declared
            ? `column "${k.key}" is declared JSON; json.dumps() stores an escaped string inside it. Pass the dict or list itself`
            : `json.dumps() makes "${k.key}" a STRING column; to keep it as JSON, pass the object and declare the column "JSON"`,
          fix:
            declared && a.positional.length === 1 && a.keywords.size === 0
              ? { description: "pass the object itself", edits: [{ start: v.start, end: v.end, newText: mod.t(a.positional[0]) }] }
              : undefined,
        });
      }
    }
  },
});
