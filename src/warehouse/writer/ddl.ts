import type { DuckDBConnection } from "@duckdb/node-api";
import { ToolError } from "../../errors.js";
import { widerType } from "../cells.js";
import { SCHEMA } from "../files.js";
import { quote } from "../names.js";
import type { Columns, SyncTable } from "./batch.js";
import { FIVETRAN_DELETED, FIVETRAN_ID, FIVETRAN_SYNCED } from "./system.js";

/** A column type as DuckDB's catalog spells it back (information_schema.columns.data_type): see ensureTable(). */
export const CANONICAL_TYPE = /^(BOOLEAN|SMALLINT|INTEGER|BIGINT|FLOAT|DOUBLE|VARCHAR|JSON|BLOB|DATE|TIMESTAMP|TIMESTAMP WITH TIME ZONE|DECIMAL\(\d+,\d+\))$/;

/** A table's name as SQL. */
export function qualified(schema: string, table: string): string {
  return `${quote(schema)}.${quote(table)}`;
}

/**
 * The tables' definitions in DuckDB: columns and primary keys as last read (only this writer changes the file, so
 * they are cached), and schema evolution: creating tables, adding and widening columns, rebuilding a table whose
 * key changes, and the column order of a table created since the last checkpoint.
 */
export class TableSchemas {
  /** Columns and primary key of each table, by cacheKey(schema, table), as last read (see ddl()). */
  private columnCache = new Map<string, Columns>();
  private keyCache = new Map<string, string[]>();
  /** Tables whose existing rows the open transaction changed (by cacheKey): see alter(). */
  private readonly touched = new Set<string>();

  constructor(private readonly conn: DuckDBConnection) {}

  /** The open transaction changes existing rows of this table: a later ALTER must rebuild it instead. */
  touch(schema: string, table: string): void {
    this.touched.add(cacheKey(schema, table));
  }

  /** The transaction ended by a commit: its tables can be altered again. */
  committed(): void {
    this.touched.clear();
  }

  /** The transaction was rolled back, and with it its CREATE and ALTER statements: forget what was read. */
  rolledBack(): void {
    this.columnCache.clear();
    this.keyCache.clear();
    this.touched.clear();
  }

  /** The columns of a table (empty when it does not exist); cached, since only this writer changes the file. */
  async columns(schema: string, table: string): Promise<Columns> {
    const known = this.columnCache.get(cacheKey(schema, table));
    if (known) return known;
    const r = await this.conn.runAndReadAll("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position", [schema, table]);
    const columns: Columns = new Map(r.getRows().map((row) => [String(row[0]), String(row[1])]));
    this.columnCache.set(cacheKey(schema, table), columns);
    return columns;
  }

  async isEmpty(schema: string, table: string): Promise<boolean> {
    const r = await this.conn.runAndReadAll(`SELECT 1 FROM ${qualified(schema, table)} LIMIT 1`);
    return r.getRows().length === 0;
  }

  async primaryKey(schema: string, table: string): Promise<string[]> {
    const known = this.keyCache.get(cacheKey(schema, table));
    if (known) return known;
    const r = await this.conn.runAndReadAll("SELECT constraint_column_names FROM duckdb_constraints() WHERE schema_name = $1 AND table_name = $2 AND constraint_type = 'PRIMARY KEY'", [schema, table]);
    const rows = r.getRowsJS();
    const key = rows.length ? (rows[0][0] as string[]).map(String) : [];
    this.keyCache.set(cacheKey(schema, table), key);
    return key;
  }

  /** A statement that changes a table's definition: what is cached about the table is forgotten. */
  private async ddl(schema: string, table: string, sql: string): Promise<void> {
    const k = cacheKey(schema, table);
    this.columnCache.delete(k);
    this.keyCache.delete(k);
    try {
      await this.conn.run(sql);
    } finally {
      this.columnCache.delete(k);
      this.keyCache.delete(k);
    }
  }

  /** Creates the table, or adds what it lacks and widens columns; rebuilds it when its key must change. */
  async ensureTable(schema: string, table: string, columns: Columns, key: string[], declaredKey = false): Promise<Columns> {
    const existing = await this.columns(schema, table);
    const target = qualified(schema, table);
    if (!existing.size) {
      if (!columns.size) return existing;
      const def = [...columns].map(([n, k]) => `${quote(n)} ${k}`).join(", ");
      const pk = key.length ? `, PRIMARY KEY (${key.map(quote).join(", ")})` : "";
      // tester exists from open(); a source schema's is made with its first table, inside this transaction.
      if (schema !== SCHEMA) await this.conn.run(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
      await this.ddl(schema, table, `CREATE TABLE ${target} (${def}${pk})`);
      // The new table is what the statement says: read back only a type DuckDB may spell otherwise. (Each catalog
      // query took 10-40 ms at a sync's start, while the connector's first rows waited in the pipe.)
      if (![...columns.values()].every((k) => CANONICAL_TYPE.test(k))) return this.columns(schema, table);
      const k = cacheKey(schema, table);
      this.columnCache.set(k, new Map(columns));
      this.keyCache.set(k, [...key]);
      return this.columnCache.get(k)!;
    }
    const current = await this.primaryKey(schema, table);
    const widenedKeys = new Map<string, string>();
    const adds: [string, string][] = [];
    const widened = new Map<string, string>();
    for (const [name, kind] of columns) {
      const old = existing.get(name);
      if (old === undefined) {
        adds.push([name, kind]);
        continue;
      }
      const wider = widerType(old, kind);
      if (!wider || wider === old) continue;
      if (current.includes(name)) {
        if (declaredKey) widenedKeys.set(name, wider);
        continue;
      }
      widened.set(name, wider);
    }
    await this.alter(schema, table, widened, adds);
    const now = await this.columns(schema, table);
    const changed = !sameSet(current, key);
    if (key.length && key.every((k) => now.has(k)) && ((declaredKey && (changed || widenedKeys.size)) || (current.length && changed))) {
      await this.rebuild(schema, table, widenedKeys, key);
    } else if (key.length && !current.length && key.every((k) => now.has(k))) {
      const r = await this.conn.runAndReadAll(`SELECT count(*) FROM ${target}`);
      if (Number(r.getRows()[0][0]) === 0) await this.ddl(schema, table, `ALTER TABLE ${target} ADD PRIMARY KEY (${key.map(quote).join(", ")})`);
    }
    return this.columns(schema, table);
  }

  /**
   * Adds columns (at the end) and widens others. DuckDB refuses to commit a transaction that changed existing rows
   * of a table and then altered it ("another transaction has altered this table"), which a spill makes possible:
   * such a table is rebuilt instead, under a new table, which DuckDB allows.
   */
  async alter(schema: string, table: string, widened: Map<string, string>, adds: [string, string][]): Promise<void> {
    if (!widened.size && !adds.length) return;
    const target = qualified(schema, table);
    const existing = await this.columns(schema, table);
    if (!this.touched.has(cacheKey(schema, table))) {
      for (const [name, kind] of adds) await this.ddl(schema, table, `ALTER TABLE ${target} ADD COLUMN ${quote(name)} ${kind}`);
      for (const [name, wider] of widened) {
        await this.ddl(schema, table, `ALTER TABLE ${target} ALTER COLUMN ${quote(name)} SET DATA TYPE ${wider} USING ${converted(existing.get(name)!, wider, name)}`);
      }
      return;
    }
    const key = await this.primaryKey(schema, table);
    const types: [string, string][] = [...[...existing].map(([n, k]): [string, string] => [n, widened.get(n) ?? k]), ...adds];
    const select = [...[...existing].map(([n, k]) => (widened.has(n) ? `${converted(k, widened.get(n)!, n)}` : quote(n))), ...adds.map(([, k]) => `NULL::${k}`)];
    await this.replace(schema, table, types, select, key);
  }

  /** Replaces a table with a new one of these columns (types, in order) filled by `select` from the old one. */
  private async replace(schema: string, table: string, types: [string, string][], select: string[], key: string[]): Promise<void> {
    const target = qualified(schema, table);
    const rebuilt = qualified(schema, `${table}__rebuilt`);
    const pk = key.length ? `, PRIMARY KEY (${key.map(quote).join(", ")})` : "";
    await this.ddl(schema, `${table}__rebuilt`, `DROP TABLE IF EXISTS ${rebuilt}`);
    await this.ddl(schema, `${table}__rebuilt`, `CREATE TABLE ${rebuilt} (${types.map(([n, k]) => `${quote(n)} ${k}`).join(", ")}${pk})`);
    await this.conn.run(`INSERT INTO ${rebuilt} SELECT ${select.join(", ")} FROM ${target}`);
    await this.ddl(schema, table, `DROP TABLE ${target}`);
    await this.ddl(schema, table, `ALTER TABLE ${rebuilt} RENAME TO ${quote(table)}`);
    this.columnCache.delete(cacheKey(schema, `${table}__rebuilt`));
    this.keyCache.delete(cacheKey(schema, `${table}__rebuilt`));
  }

  /**
   * A table first upserted since the last checkpoint gets the column order that one write at the checkpoint would
   * have given it (the columns it had before, a declared table's; declared columns, the key hash, the others as they
   * came, then the system columns): a spill added later columns at the end, so the table is rebuilt in that order.
   * Its rows are only those of this transaction. A system column the rows themselves sent (a value under
   * `_fivetran_synced`) stands where they first put it, as in the SDK's table; its values are the system's all the same.
   */
  async order(t: SyncTable, actual: Columns): Promise<Columns> {
    const order = t.txOrder!;
    const head = [...new Set([...(t.txPrefix ?? []), ...t.declared.keys(), ...(t.hashedKey ? [FIVETRAN_ID] : [])])];
    // (A declared _fivetran_deleted is in the head: declared columns come first.)
    const tail = [FIVETRAN_DELETED, FIVETRAN_SYNCED].filter((c) => !order.includes(c) && !head.includes(c) && actual.has(c));
    const wanted = [...head, ...order.filter((c) => !head.includes(c) && !tail.includes(c)), ...tail].filter((c) => actual.has(c));
    for (const c of actual.keys()) if (!wanted.includes(c)) wanted.splice(wanted.length - tail.length, 0, c);
    const current = [...actual.keys()];
    if (wanted.every((c, i) => current[i] === c)) return actual;
    const key = await this.primaryKey(t.schema, t.name);
    await this.replace(
      t.schema,
      t.name,
      wanted.map((c) => [c, actual.get(c)!]),
      wanted.map(quote),
      key,
    );
    return this.columns(t.schema, t.name);
  }

  private async rebuild(schema: string, table: string, widened: Map<string, string>, key: string[]): Promise<void> {
    const existing = await this.columns(schema, table);
    const target = qualified(schema, table);
    const cols = key.map(quote).join(", ");
    const nulls = key.map((k) => `${quote(k)} IS NULL`).join(" OR ");
    let reason = "";
    if ((await this.conn.runAndReadAll(`SELECT 1 FROM ${target} WHERE ${nulls} LIMIT 1`)).getRows().length) reason = "contains a null value";
    else if ((await this.conn.runAndReadAll(`SELECT 1 FROM ${target} GROUP BY ${cols} HAVING count(*) > 1 LIMIT 1`)).getRows().length) reason = "would create duplicate rows";
    if (reason) {
      throw new ToolError(
        "schema",
        `Primary key change for table ${schema}.${table} ${reason} under the new primary key [${key.map((k) => `'${k}'`).join(", ")}].\n` +
          "The existing rows cannot be fitted to a new primary key automatically.\n" +
          // The SDK's own lines (its DuckDB destination's remedy), so that the error text is the same.
          "Fix the values at the source, or try: `fivetran reset`",
        "Fix the values at the source, or run run_debug with reset=true.",
      );
    }
    const types = [...existing].map(([n, k]): [string, string] => [n, widened.get(n) ?? k]);
    const select = [...existing].map(([n, k]) => (widened.has(n) && widened.get(n) !== k ? converted(k, widened.get(n)!, n) : quote(n)));
    await this.replace(schema, table, types, select, key);
  }
}

export function cacheKey(schema: string, table: string): string {
  return `${schema}\0${table}`;
}

export function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** How the values of a column become its wider type (`raw`: `column` is an SQL expression, not a name). */
export function converted(old: string, wider: string, column: string, raw = false): string {
  const name = raw ? column : quote(column);
  if (wider === "VARCHAR") return old === "BLOB" ? `to_base64(${name})` : `CAST(${name} AS VARCHAR)`;
  if (wider === "JSON") return old === "BLOB" ? `to_json(to_base64(${name}))` : `to_json(${name})`;
  return `CAST(${name} AS ${wider})`;
}
