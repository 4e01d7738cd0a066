// A canonical, line-oriented text of what a sync left in <project>/files: every table of warehouse.db with its
// columns, types, nullability, key constraints and rows, then state.json. Two engines agree when the texts are equal;
// a difference shows as a readable line diff.
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

/** What stands in for a non-null _fivetran_synced: its type is compared, its value (a wall-clock time) is not. */
export const SYNCED_MARKER = (type: string) => `<non-null ${type}>`;

const VOLATILE_TIMESTAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g;

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Cell text that does not depend on the reader: DuckDB's own VARCHAR cast, blobs as hex, in UTC. */
function cellExpression(column: string, type: string): string {
  const c = ident(column);
  if (column === "_fivetran_synced") return `CASE WHEN ${c} IS NULL THEN NULL ELSE ${literal(SYNCED_MARKER(type))} END`;
  if (type === "BLOB") return `'\\x' || hex(${c})`;
  return `CAST(${c} AS VARCHAR)`;
}

export async function dumpWarehouse(dbPath: string): Promise<string> {
  if (!existsSync(dbPath)) return "warehouse.db: absent\n";
  const out: string[] = [];
  // Security: read-only, so a comparison can never change the warehouse it reads.
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(dbPath, { access_mode: "READ_ONLY" });
  } catch (e) {
    // A file the connector emptied or overwrote (459): its size, and that DuckDB refuses it, are the result.
    return `warehouse.db: not a DuckDB database (${statSync(dbPath).size} bytes)\n`;
  }
  const conn = await instance.connect();
  try {
    // The reader's time zone must not leak into the text of TIMESTAMP WITH TIME ZONE cells.
    await conn.run("SET TimeZone = 'UTC'");
    const q = async (sql: string) => (await conn.runAndReadAll(sql)).getRows();
    const tables = await q("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT internal ORDER BY 1, 2");
    const schemas = [...new Set(tables.map((t) => String(t[0])))];
    out.push(`schemas: ${schemas.join(", ") || "(none)"}`);
    for (const [schemaV, tableV] of tables) {
      const schema = String(schemaV);
      const table = String(tableV);
      out.push("", `table ${schema}.${table}`);
      const columns = (
        await q(
          `SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE database_name = current_database()
           AND schema_name = ${literal(schema)} AND table_name = ${literal(table)} ORDER BY column_index`,
        )
      ).map(([n, t, nullable]) => ({ name: String(n), type: String(t), nullable: Boolean(nullable) }));
      out.push("  columns:");
      for (const c of columns) out.push(`    ${c.name} ${c.type}${c.nullable ? "" : " NOT NULL"}`);
      const constraints = await q(
        `SELECT constraint_type, constraint_column_names FROM duckdb_constraints() WHERE database_name = current_database()
           AND schema_name = ${literal(schema)} AND table_name = ${literal(table)} AND constraint_type <> 'NOT NULL'
           ORDER BY constraint_index`,
      );
      if (constraints.length === 0) out.push("  constraints: (none)");
      for (const [type, cols] of constraints) {
        const names = (cols as { items?: unknown[] } | null)?.items ?? (Array.isArray(cols) ? cols : []);
        out.push(`  constraint: ${String(type)} (${names.map(String).join(", ")})`);
      }
      const select = columns.map((c) => cellExpression(c.name, c.type)).join(", ");
      const rows = columns.length ? await q(`SELECT ${select} FROM ${ident(schema)}.${ident(table)}`) : [];
      // Deterministic order: sort by the whole canonical row (the volatile column is already a constant marker).
      // Metadata tables may hold times the core stamped (deferred truncates); those are masked the same way.
      const metadata = table.startsWith("_fivetran");
      const lines = rows.map((r) => JSON.stringify(r.map((v) => (v === null ? null : metadata ? String(v).replace(VOLATILE_TIMESTAMP, "<timestamp>") : String(v))))).sort();
      out.push(`  rows (${lines.length}):`);
      for (const l of lines) out.push(`    ${l}`);
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return out.join("\n") + "\n";
}

/** warehouse.db, state.json (byte for byte) and the names of the other entries of files/. */
export async function dumpProject(projectDir: string): Promise<string> {
  const files = join(projectDir, "files");
  // A connector may leave a file named `files` where the folder goes (350): there is nothing in it to compare.
  if (existsSync(files) && !statSync(files).isDirectory()) return "files/: (a file, not a folder)\nstate.json: (absent)\nwarehouse.db: absent\n";
  const entries = existsSync(files)
    ? readdirSync(files)
        // DuckDB's write-ahead log and temporary files are an engine detail, not a result.
        .filter((n) => !n.endsWith(".wal") && !n.endsWith(".tmp"))
        .sort()
    : [];
  // Each entry with what it is and its permission bits: the SDK writes state.json with mkstemp (0600) and replaces a
  // link at its name (467).
  const described = entries.map((n) => `${n} (${describe(join(files, n))})`);
  const statePath = join(files, "state.json");
  // A folder in its place (581: what a Docker bind mount makes of a missing file) is listed above, not read.
  const state = !existsSync(statePath) ? "(absent)" : statSync(statePath).isFile() ? readFileSync(statePath, "utf8") : "(not a file)";
  return [`files/: ${existsSync(files) ? `(${describe(files)}) ${described.join(", ") || "(empty)"}` : "(absent)"}`, `state.json: ${state}`, await dumpWarehouse(join(files, "warehouse.db"))].join(
    "\n",
  );
}

/** What a path is (a link is not followed) and its permission bits, in octal. */
function describe(path: string): string {
  const st = lstatSync(path);
  const kind = st.isSymbolicLink() ? `link to ${readlinkSync(path)}` : st.isDirectory() ? "folder" : st.isFile() ? "file" : "other";
  return `${kind} ${(st.mode & 0o777).toString(8)}`;
}
