import type { DuckDBConnection } from "@duckdb/node-api";
import { existsSync } from "node:fs";
import { projectRedactor } from "../state/redaction.js";
import { z } from "zod";
import { readState, SCHEMA, statePath, warehousePath, type ProjectRef } from "./files.js";
import { quote } from "./names.js";
import { DEFAULT_TIMEOUT_MS, missingWarehouse } from "./query.js";
import { ToolError } from "../errors.js";
import { oneLine } from "../workspace/hygiene.js";
import { withReader } from "./registry.js";
import { recoverStateAside } from "../state/aside.js";

/** What describe_warehouse and `describe --json` return. */
export const warehouseDescriptionShape = {
  schema: z.string().describe("The default destination schema (tester); unqualified names in query_warehouse resolve to it"),
  warehouse_path: z.string().describe("Path of files/warehouse.db"),
  state_path: z.string().describe("Path of files/state.json"),
  tables: z
    .array(
      z.object({
        schema: z.string().describe("The table's destination schema: tester, or tester_<source schema> for tables a connector wrote with schema="),
        name: z.string().describe("Table name (after Fivetran renaming)"),
        columns: z
          .array(z.object({ name: z.string().describe("Column name"), type: z.string().describe("DuckDB type"), primary_key: z.boolean().describe("Part of the primary key") }))
          .describe("Columns in order"),
        primary_key: z.array(z.string()).describe("Primary-key columns (_fivetran_id for tables without a declared key)"),
        rows: z.number().describe("Rows in the table, deleted ones included"),
        deleted_rows: z.number().describe("Rows with _fivetran_deleted = true (soft deletes and truncates)"),
      }),
    )
    .describe("The connector's tables"),
  state: z.record(z.string(), z.unknown()).describe("The state the last checkpoint saved (files/state.json); {} when none"),
};

export type WarehouseDescription = z.infer<z.ZodObject<typeof warehouseDescriptionShape>>;
export type TableDescription = WarehouseDescription["tables"][number];

/** Tables, columns, keys and counts of files/warehouse.db (committed data only), and files/state.json. */
export async function describeWarehouse(projectDir: ProjectRef): Promise<WarehouseDescription> {
  // Security: both paths pass the project layer before anything is opened or reported missing.
  const stateFile = statePath(projectDir);
  const dbPath = warehousePath(projectDir);
  if (!existsSync(dbPath)) throw missingWarehouse(projectDir);
  // As get_state: the state a dead real-SDK run put aside is the folder's state, not that run's override.
  recoverStateAside(projectDir);
  // Security: state is connector output; a token the connector checkpointed is masked like everywhere else.
  const state = projectRedactor(projectDir).redactValue(readState(projectDir));
  const tables = await withReader(dbPath, SCHEMA, async (conn) => {
    // Security: a planted database can make even these reads slow (a huge table); DuckDB is interrupted at the
    // query limit instead of holding a thread of the pool and the CPU after the client gave up.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      conn.interrupt();
    }, DEFAULT_TIMEOUT_MS);
    try {
      return await readTables(conn);
    } catch (e) {
      if (timedOut)
        throw new ToolError(
          "timeout",
          `Reading the warehouse took longer than ${DEFAULT_TIMEOUT_MS / 1000} s and was interrupted.`,
          "query_warehouse with a LIMIT reads a large table in parts.",
          dbPath,
        );
      // Security: DuckDB quotes names from the (possibly planted) file: one line, no control characters.
      throw new ToolError("query_failed", `DuckDB: ${oneLine((e as Error)?.message ?? String(e))}`, "Run run_debug with reset=true if the file is damaged.", dbPath);
    } finally {
      clearTimeout(timer);
    }
  });
  return { schema: SCHEMA, warehouse_path: dbPath, state_path: stateFile, tables, state };
}

async function readTables(conn: DuckDBConnection): Promise<TableDescription[]> {
  // tester first, then the tester_<source schema> ones; the reader's catalog only (not attached or temp ones).
  const cols = (
    await conn.runAndReadAll(
      `SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns c
       WHERE table_catalog = current_database() AND (table_schema = $1 OR starts_with(table_schema, $2))
       -- Security: base tables only. run_debug writes no views; a planted view would run arbitrary SQL when counted.
       AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')
       ORDER BY table_schema <> $1, table_schema, table_name, ordinal_position`,
      [SCHEMA, `${SCHEMA}_`],
    )
  ).getRows();
  const keys = (
    await conn.runAndReadAll("SELECT schema_name, table_name, constraint_column_names FROM duckdb_constraints() WHERE database_name = current_database() AND constraint_type = 'PRIMARY KEY'")
  ).getRowsJS();
  const keyOf = new Map(keys.map((r) => [`${r[0] as string}.${r[1] as string}`, (r[2] as string[]).map(String)]));
  const byTable = new Map<string, TableDescription>();
  for (const [s, t, c, type] of cols) {
    const schema = String(s);
    const name = String(t);
    // Renamed schema and table names hold no dot: the pair is one key.
    const id = `${schema}.${name}`;
    let d = byTable.get(id);
    if (!d) byTable.set(id, (d = { schema, name, columns: [], primary_key: keyOf.get(id) ?? [], rows: 0, deleted_rows: 0 }));
    d.columns.push({ name: String(c), type: String(type), primary_key: d.primary_key.includes(String(c)) });
  }
  for (const d of byTable.values()) {
    const hasDeleted = d.columns.some((c) => c.name === "_fivetran_deleted");
    const r = (await conn.runAndReadAll(`SELECT count(*), ${hasDeleted ? "count(*) FILTER (WHERE _fivetran_deleted)" : "0"} FROM ${quote(d.schema)}.${quote(d.name)}`)).getRows()[0];
    d.rows = Number(r[0]);
    d.deleted_rows = Number(r[1]);
  }
  return [...byTable.values()];
}
