import { defineRule } from "../rule.js";
import { dictKeys, opCalls, opTable, schemaTables } from "../helpers.js";
import { unparen } from "../python.js";

export default defineRule({
  meta: {
    id: "FT032",
    severity: "warning",
    title: "schema() declares columns",
    fixable: "none",
    profiles: ["guidelines", "sdk"],
    guideline: "seed guidelines (only table and primary_key in schema); docs: best practices",
  },
  check(ctx) {
    const p = ctx.project;
    const { tables } = schemaTables(p);
    for (const t of tables) {
      const mod = t.mod;
      const cols = t.entries.find((e) => e.key === "columns");
      if (!cols) continue;
      const lineOf = (o: number) => mod.parsed.lines.lineText(mod.parsed.lines.position(o).line);
      if (/ftlint:\s*allow-columns/.test(lineOf(cols.keyNode.start) + lineOf(t.dict.start))) continue;
      const entries = dictKeys(mod, cols.value) ?? [];
      // JSON, DECIMAL and datetime flavours are the declarations the inference cannot make.
      const exempt =
        entries.length > 0 &&
        entries.every((e) => {
          const v = unparen(e.value)!;
          const s = mod.str(v)?.toUpperCase();
          return v.type === "dictionary" || s === "JSON" || s === "UTC_DATETIME" || s === "NAIVE_DATETIME";
        });
      // The guidelines profile enforces this server's own teaching (names and keys only); Fivetran's
      // coding principles ask for declared types instead, so it is a style note there, not a defect.
      let severity: "warning" | "info" = "info";
      if (ctx.profile === "sdk" && !exempt) {
        const written = new Set<string>();
        for (const { mod: m, call, method } of opCalls(p)) {
          if (method !== "upsert" || opTable(m, call).name !== t.name) continue;
          for (const k of dictKeys(m, m.arg(call, 1, "data")) ?? []) written.add(k.key);
        }
        if (written.size > 0 && [...written].every((w) => entries.some((e) => e.key === w))) severity = "warning";
      }
      const why =
        ctx.profile === "guidelines"
          ? "this server's guidelines ask schema() to declare only table names and primary keys and let Fivetran infer the rest (Fivetran's coding principles ask for types instead; profile fivetran-examples follows them)"
          : "declaring every column forfeits type inference and schema evolution";
      ctx.report({
        file: mod.file,
        start: cols.keyNode.start,
        end: cols.value.end,
        severity,
        message: `table "${t.name ?? "?"}" declares columns: ${why}${exempt ? " (JSON/DECIMAL/datetime declarations are accepted)" : ". Keep only the types inference gets wrong, or mark them with # ftlint: allow-columns"}`,
      });
    }
  },
});
