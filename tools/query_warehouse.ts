import { z } from "zod";
import { openProjectFiles, projectDirInput } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { DEFAULT_MAX_ROWS, MAX_ROWS_LIMIT, queryResultShape, queryWarehouse } from "../src/warehouse/query.js";

export const queryWarehouseTool = defineTool({
  name: "query_warehouse",
  title: "Query the local warehouse",
  description:
    "Runs one read-only DuckDB SELECT on files/warehouse.db, what run_debug wrote. Unqualified tables resolve to " +
    "the connector's schema (tester); names are snake_cased as Fivetran does. Every table has _fivetran_synced and " +
    "_fivetran_deleted (set by soft deletes and truncates). Files, the network, settings and writes are refused. " +
    "Returns typed columns and rows (big integers and decimals as strings), truncated=true when max_rows or the " +
    "size cap cut them. describe_warehouse lists the tables.",
  input: {
    project_dir: projectDirInput,
    sql: z.string().min(1).max(20_000).describe("One SELECT statement in DuckDB SQL, e.g. SELECT * FROM orders WHERE NOT _fivetran_deleted LIMIT 20."),
    max_rows: z.coerce.number().int().min(1).max(MAX_ROWS_LIMIT).default(DEFAULT_MAX_ROWS).describe(`Most rows to return (1-${MAX_ROWS_LIMIT}).`),
  },
  output: queryResultShape,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const project = await openProjectFiles(ctx, args.project_dir);
    const result = await queryWarehouse(project, args.sql, { maxRows: args.max_rows, signal: ctx.signal });
    const more = result.truncated ? ` (truncated by ${result.truncated_by}; narrow the query or raise max_rows)` : "";
    const masked = result.masked_cells ? ` ${result.masked_cells} cell(s) masked as **** (they held a secret of configuration.json or the server's environment).` : "";
    return { summary: `${result.row_count} row(s), ${result.columns.length} column(s)${more}.${masked}`, data: { ...result } };
  },
});
