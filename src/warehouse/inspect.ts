import { existsSync } from "node:fs";
import { readState, SCHEMA, statePath, warehousePath } from "./files.js";
import { quote } from "./names.js";
import { missingWarehouse } from "./query.js";
import { withReader } from "./registry.js";

export interface TableDescription {
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
  const state = readState(projectDir);
  const tables = await withReader(dbPath, SCHEMA, async (conn) => {
    const cols = (await conn.runAndReadAll(
      "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position",
      [SCHEMA],
    )).getRows();
    const keys = (await conn.runAndReadAll(
      "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE schema_name = $1 AND constraint_type = 'PRIMARY KEY'",
      [SCHEMA],
    )).getRowsJS();
    const keyOf = new Map(keys.map((r) => [String(r[0]), (r[1] as unknown[]).map(String)]));
    const byTable = new Map<string, TableDescription>();
    for (const [t, c, type] of cols) {
      const name = String(t);
      let d = byTable.get(name);
      if (!d) byTable.set(name, (d = { name, columns: [], primaryKey: keyOf.get(name) ?? [], rows: 0, deletedRows: 0 }));
      d.columns.push({ name: String(c), type: String(type), primaryKey: d.primaryKey.includes(String(c)) });
    }
    for (const d of byTable.values()) {
      const hasDeleted = d.columns.some((c) => c.name === "_fivetran_deleted");
      const r = (await conn.runAndReadAll(
        `SELECT count(*), ${hasDeleted ? "count(*) FILTER (WHERE _fivetran_deleted)" : "0"} FROM ${quote(SCHEMA)}.${quote(d.name)}`,
      )).getRows()[0];
      d.rows = Number(r[0]);
      d.deletedRows = Number(r[1]);
    }
    return [...byTable.values()];
  });
  return { schema: SCHEMA, warehousePath: dbPath, statePath: statePath(projectDir), tables, state };
}
