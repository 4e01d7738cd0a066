import { openProjectFiles, projectDirInput } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { inlineName } from "../src/workspace/hygiene.js";
import { describeWarehouse, warehouseDescriptionShape } from "../src/warehouse/inspect.js";

export const describeWarehouseTool = defineTool({
  name: "describe_warehouse",
  title: "Describe the local warehouse",
  description:
    "Lists what run_debug left in files/warehouse.db: each table of the connector's schema (tester) with its " +
    "columns, DuckDB types, primary key, row count and soft-deleted rows, plus files/state.json. Then " +
    "query_warehouse for the rows.",
  input: {
    project_dir: projectDirInput,
  },
  output: warehouseDescriptionShape,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const project = await openProjectFiles(ctx, args.project_dir);
    const d = await describeWarehouse(project);
    const lines = d.tables.map(
      (t) => `${inlineName(`${t.schema}.${t.name}`)}: ${t.rows} row(s), ${t.deleted_rows} deleted, key (${t.primary_key.map(inlineName).join(", ")}), ${t.columns.length} column(s)`,
    );
    return { summary: lines.length ? lines.join("\n") : "The warehouse has no tables yet.", data: { ...d } };
  },
});
