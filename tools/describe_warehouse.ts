import { z } from "zod";
import { openProject, projectDirInput } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { describeWarehouse } from "../src/warehouse/inspect.js";

export const describeWarehouseTool = defineTool({
  name: "describe_warehouse",
  title: "Describe the local warehouse",
  description:
    "Lists what run_debug left in files/warehouse.db: each table of the connector's schema (tester) with its columns, DuckDB " +
    "types and primary key, its row count and how many rows are soft-deleted (_fivetran_deleted), plus the state saved in " +
    "files/state.json. Use it after run_debug to check names, types and keys, then query_warehouse for the rows.",
  input: {
    project_dir: projectDirInput,
  },
  output: {
    schema: z.string().describe("The default destination schema (tester); unqualified names in query_warehouse resolve to it"),
    warehousePath: z.string().describe("Path of files/warehouse.db"),
    statePath: z.string().describe("Path of files/state.json"),
    tables: z
      .array(
        z.object({
          schema: z.string().describe("The table's destination schema: tester, or tester_<source schema> for tables a connector wrote with schema="),
          name: z.string().describe("Table name (after Fivetran renaming)"),
          columns: z
            .array(z.object({ name: z.string().describe("Column name"), type: z.string().describe("DuckDB type"), primaryKey: z.boolean().describe("Part of the primary key") }))
            .describe("Columns in order"),
          primaryKey: z.array(z.string()).describe("Primary-key columns (_fivetran_id for tables without a declared key)"),
          rows: z.number().describe("Rows in the table, deleted ones included"),
          deletedRows: z.number().describe("Rows with _fivetran_deleted = true"),
        }),
      )
      .describe("The connector's tables"),
    state: z.record(z.string(), z.unknown()).describe("The state the last checkpoint saved (files/state.json); {} when none"),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const project = await openProject(ctx, args.project_dir);
    const d = await describeWarehouse(project);
    const lines = d.tables.map((t) => `${t.schema}.${t.name}: ${t.rows} row(s), ${t.deletedRows} deleted, key (${t.primaryKey.join(", ")}), ${t.columns.length} column(s)`);
    return { summary: lines.length ? lines.join("\n") : "The warehouse has no tables yet.", data: { ...d } };
  },
});
