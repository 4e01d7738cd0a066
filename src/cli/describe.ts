import { describeWarehouse } from "../warehouse/inspect.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_OK, flag, folderArg, runCommand, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp describe <DIR> [--json]

Lists the tables debug wrote to DIR/files/warehouse.db: columns, types, primary keys, row counts,
soft-deleted rows (_fivetran_deleted), and the state in files/state.json.
  --json   print exactly one JSON object`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(argv, io, { json: flag }, async (values, positionals, json) => {
    const folder = folderArg(positionals, "describe");
    const dir = await new Workspace().projectDir(folder);
    const d = await describeWarehouse(dir);
    if (json) {
      io.out(JSON.stringify(d));
      return EXIT_OK;
    }
    const lines = [`${d.warehouse_path} (schema ${d.schema})`];
    if (!d.tables.length) lines.push("  no tables yet");
    for (const t of d.tables) {
      lines.push("", `${t.schema}.${t.name}: ${t.rows} row(s), ${t.deleted_rows} deleted`);
      for (const c of t.columns) lines.push(`  ${c.name.padEnd(28)} ${c.type}${c.primary_key ? "  PRIMARY KEY" : ""}`);
    }
    lines.push("", `state (${d.state_path}): ${JSON.stringify(d.state)}`);
    io.out(lines.join("\n"));
    return EXIT_OK;
  });
}
