import { existsSync } from "node:fs";
import { projectRedactor } from "../state/redaction.js";
import { readState, SCHEMA, statePath, warehousePath } from "./files.js";
import { quote } from "./names.js";
import { missingWarehouse } from "./query.js";
import { withReader } from "./registry.js";
import { recoverStateAside } from "../runner/state-aside.js";

export interface TableDescription {
  /** tester, or tester_<source schema> for a table a connector named with schema= (SDK 3.0). */
  schema: string;
  name: string;
  columns: { name: string; type: string; primaryKey: boolean }[];
  primaryKey: string[];
  rows: number;
  /** Rows with _fivetran_deleted = true (soft deletes and truncates). */
  deletedRows: number;
}

export interface WarehouseDescription {
  schema: string;
  warehousePath: string;
  statePath: string;
  tables: TableDescription[];
  state: Record<string, unknown>;
}

/** Tables, columns, keys and counts of files/warehouse.db (committed data only), and files/state.json. */
export async function describeWarehouse(projectDir: string): Promise<WarehouseDescription> {
  const dbPath = warehousePath(projectDir);
  if (!existsSync(dbPath)) throw missingWarehouse(projectDir);
  // As get_state: the state a dead real-SDK run put aside is the folder's state, not that run's override.
  recoverStateAside(projectDir);
  // Security: state is connector output; a token the connector checkpointed is masked like everywhere else.
  const state = projectRedactor(projectDir).redactValue(readState(projectDir));
  const tables = await withReader(dbPath, SCHEMA, async (conn) => {
    // tester first, then the tester_<source schema> ones; the reader's catalog only (not attached or temp ones).
    const cols = (await conn.runAndReadAll(
      `SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns
       WHERE table_catalog = current_database() AND (table_schema = $1 OR starts_with(table_schema, $2))
       ORDER BY table_schema <> $1, table_schema, table_name, ordinal_position`,
      [SCHEMA, `${SCHEMA}_`],
    )).getRows();
    const keys = (await conn.runAndReadAll(
      "SELECT schema_name, table_name, constraint_column_names FROM duckdb_constraints() WHERE database_name = current_database() AND constraint_type = 'PRIMARY KEY'",
    )).getRowsJS();
    const keyOf = new Map(keys.map((r) => [`${String(r[0])}.${String(r[1])}`, (r[2] as unknown[]).map(String)]));
    const byTable = new Map<string, TableDescription>();
    for (const [s, t, c, type] of cols) {
      const schema = String(s);
      const name = String(t);
      // Renamed schema and table names hold no dot: the pair is one key.
      const id = `${schema}.${name}`;
      let d = byTable.get(id);
      if (!d) byTable.set(id, (d = { schema, name, columns: [], primaryKey: keyOf.get(id) ?? [], rows: 0, deletedRows: 0 }));
      d.columns.push({ name: String(c), type: String(type), primaryKey: d.primaryKey.includes(String(c)) });
    }
    for (const d of byTable.values()) {
      const hasDeleted = d.columns.some((c) => c.name === "_fivetran_deleted");
      const r = (await conn.runAndReadAll(
        `SELECT count(*), ${hasDeleted ? "count(*) FILTER (WHERE _fivetran_deleted)" : "0"} FROM ${quote(d.schema)}.${quote(d.name)}`,
      )).getRows()[0];
      d.rows = Number(r[0]);
      d.deletedRows = Number(r[1]);
    }
    return [...byTable.values()];
  });
  return { schema: SCHEMA, warehousePath: dbPath, statePath: statePath(projectDir), tables, state };
}
