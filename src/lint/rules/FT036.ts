import { ALL_PROFILES, defineRule } from "../rule.js";
import { editDistance, normaliseIdentifier, opCalls, opTable, schemaTables } from "../helpers.js";
import { renameTable } from "../../warehouse/names.js";

export default defineRule({
  meta: {
    id: "FT036",
    severity: "warning",
    title: "Table names in writes and in schema() disagree",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "docs troubleshooting: schema and upsert table names produce different tables",
  },
  check(ctx) {
    const p = ctx.project;
    const { tables } = schemaTables(p);
    // A computed table name ({"table": name} in a loop): which tables exist is known only at run time.
    if (!p.schema || tables.length === 0 || tables.some((t) => t.name === undefined)) return;
    const declared = tables.filter((t) => t.name !== undefined).map((t) => t.name!);
    let allLiteral = true;
    // Destination names (renamed) of the tables written.
    const written = new Set<string>();
    for (const { mod, call, method } of opCalls(p)) {
      if (method === "checkpoint" || method === "error" || method === "warning") continue;
      const { name, node } = opTable(mod, call);
      if (name === undefined) {
        allLiteral = false;
        continue;
      }
      // The destination renames every table name (SDK 3.0: "USER" becomes user), so a name that renames to a declared
      // table's name writes that table; FT037 says so about the spelling.
      written.add(renameTable(name));
      if (declared.some((d) => renameTable(d) === renameTable(name))) continue;
      const near = declared.find((d) => normaliseIdentifier(d) === normaliseIdentifier(name) || editDistance(d.toLowerCase(), name.toLowerCase()) <= 2);
      ctx.report({
        file: mod.file,
        start: node!.start,
        end: node!.end,
        message: near
          ? `table "${name}" is not declared in schema(); did you mean "${near}"? Different spellings create different destination tables`
          : `table "${name}" is written but not declared in schema(); declare it with its primary_key`,
      });
    }
    if (!allLiteral) return;
    for (const t of tables) {
      if (t.name !== undefined && !written.has(renameTable(t.name)))
        ctx.report({ file: t.mod.file, start: t.nameNode!.start, end: t.nameNode!.end, severity: "info", message: `table "${t.name}" is declared in schema() but never written` });
    }
  },
});
