import type { DuckDBConnection } from "@duckdb/node-api";
import { existsSync } from "node:fs";
import type { DeclaredTable } from "../protocol.js";
import { SCHEMA } from "../warehouse/files.js";
import { renameColumn, renameTable } from "../warehouse/names.js";
import { withReader } from "../warehouse/registry.js";
import { SYSTEM_COLUMNS, type Finding, type TableSnapshot } from "./types.js";

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS();
}

/**
 * What the warehouse holds, table by table, with the numbers the data checks need. Read through the
 * warehouse engine's reader, so a sync running in this server is never disturbed.
 */
export async function snapshotWarehouse(dbPath: string): Promise<TableSnapshot[]> {
  if (!existsSync(dbPath)) return [];
  return withReader(dbPath, SCHEMA, async (conn) => {
    const tables = (await rows(conn, `SELECT table_name FROM information_schema.tables WHERE table_schema = ${lit(SCHEMA)} ORDER BY table_name`)).map((r) => String(r.table_name));
    const out: TableSnapshot[] = [];
    for (const table of tables) {
      const columns = (
        await rows(conn, `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ${lit(SCHEMA)} AND table_name = ${lit(table)} ORDER BY ordinal_position`)
      ).map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
      const pkRow = await rows(
        conn,
        `SELECT constraint_column_names AS cols FROM duckdb_constraints() WHERE schema_name = ${lit(SCHEMA)} AND table_name = ${lit(table)} AND constraint_type = 'PRIMARY KEY'`,
      );
      const primaryKey = pkRow.length ? (pkRow[0].cols as string[]).map(String) : [];
      const t = `${ident(SCHEMA)}.${ident(table)}`;
      const names = new Set(columns.map((c) => c.name));
      const userCols = columns.filter((c) => !SYSTEM_COLUMNS.has(c.name));
      const nonNullCounts = userCols.map((c) => `count(${ident(c.name)}) AS ${ident(`nn_${c.name}`)}`);
      const [agg] = await rows(
        conn,
        `SELECT count(*) AS n` +
          `${names.has("_fivetran_deleted") ? `, count(*) FILTER (WHERE _fivetran_deleted) AS deleted` : ""}` +
          `${names.has("_fivetran_synced") ? `, CAST(max(_fivetran_synced) AS VARCHAR) AS last_synced` : ""}` +
          `${nonNullCounts.length ? `, ${nonNullCounts.join(", ")}` : ""} FROM ${t}`,
      );
      const n = Number(agg.n);
      let duplicateKeys = 0;
      let nullKeys = 0;
      if (primaryKey.length) {
        const keyList = primaryKey.map(ident).join(", ");
        const [d] = await rows(conn, `SELECT coalesce(sum(c - 1), 0) AS dup FROM (SELECT count(*) AS c FROM ${t} GROUP BY ${keyList} HAVING count(*) > 1)`);
        duplicateKeys = Number(d.dup);
        const [z] = await rows(conn, `SELECT count(*) AS z FROM ${t} WHERE ${primaryKey.map((k) => `${ident(k)} IS NULL`).join(" OR ")}`);
        nullKeys = Number(z.z);
      }
      out.push({
        table,
        columns,
        primaryKey,
        rows: n,
        deleted: Number(agg.deleted ?? 0),
        alwaysNull: n > 0 ? userCols.filter((c) => Number(agg[`nn_${c.name}`]) === 0).map((c) => c.name) : [],
        duplicateKeys,
        nullKeys,
        ...(agg.last_synced ? { lastSynced: agg.last_synced as string } : {}),
      });
    }
    return out;
  });
}

/** Rows of each table whose _fivetran_synced is after `since` (what a later run wrote). */
export async function rowsWrittenSince(dbPath: string, since: Record<string, string | undefined>): Promise<Record<string, number>> {
  if (!existsSync(dbPath)) return {};
  return withReader(dbPath, SCHEMA, async (conn) => {
    const out: Record<string, number> = {};
    const tables = (await rows(conn, `SELECT table_name FROM information_schema.columns WHERE table_schema = ${lit(SCHEMA)} AND column_name = '_fivetran_synced'`)).map((r) => String(r.table_name));
    for (const table of tables) {
      const s = since[table];
      const where = s ? `WHERE _fivetran_synced > CAST(${lit(s)} AS TIMESTAMPTZ)` : "";
      const [r] = await rows(conn, `SELECT count(*) AS n FROM ${ident(SCHEMA)}.${ident(table)} ${where}`);
      out[table] = Number(r.n);
    }
    return out;
  });
}

/** Rows written after a moment (the last checkpoint), per table. */
export async function rowsWrittenAfter(dbPath: string, moment: Date): Promise<Record<string, number>> {
  const iso = moment.toISOString();
  const tables = await snapshotWarehouse(dbPath);
  const since: Record<string, string> = {};
  for (const t of tables) since[t.table] = iso;
  const all = await rowsWrittenSince(dbPath, since);
  return Object.fromEntries(Object.entries(all).filter(([, n]) => n > 0));
}

/** The data checks on one snapshot (and type drift against an earlier one). */
export function dataFindings(now: TableSnapshot[], before?: TableSnapshot[]): Finding[] {
  const out: Finding[] = [];
  for (const t of now) {
    const keyed = t.primaryKey.length > 0 && !(t.primaryKey.length === 1 && t.primaryKey[0] === "_fivetran_id");
    if (!keyed) {
      out.push({
        severity: "warning",
        rule: "data:primary_key_declared",
        table: t.table,
        message: `Table ${t.table} has no declared primary key: rows are keyed by a hash of all values, so a changed source row becomes a second row instead of replacing the first.`,
        hint: `Declare primary_key for ${t.table} in schema() (the source's unique id).`,
      });
    }
    if (t.duplicateKeys > 0) {
      out.push({
        severity: "error",
        rule: "data:pk_unique",
        table: t.table,
        message: `${t.duplicateKeys} row(s) of ${t.table} repeat a primary key (${t.primaryKey.join(", ")}).`,
        hint: "Make the declared primary key the source's unique id.",
      });
    }
    if (t.nullKeys > 0) {
      out.push({
        severity: "error",
        rule: "data:pk_not_null",
        table: t.table,
        message: `${t.nullKeys} row(s) of ${t.table} have a null primary key column.`,
        hint: "Never upsert a row whose key is missing; skip or fix it in update().",
      });
    }
    if (t.alwaysNull.length) {
      out.push({
        severity: "info",
        rule: "data:always_null",
        table: t.table,
        message: `Column(s) always null in ${t.table} (${t.rows} rows): ${t.alwaysNull.join(", ")}.`,
        hint: "Check the field names the connector reads from the source; drop columns it never fills.",
      });
    }
    if (t.deleted > 0) {
      out.push({
        severity: "info",
        rule: "data:soft_deleted",
        table: t.table,
        message: `${t.deleted} of ${t.rows} row(s) of ${t.table} are soft-deleted (_fivetran_deleted = true).`,
        hint: "Expected if the source deletes rows; a truncate after upserts marks them all deleted.",
      });
    }
    const prev = before?.find((b) => b.table === t.table);
    if (prev) {
      for (const c of t.columns) {
        const p = prev.columns.find((x) => x.name === c.name);
        if (p && p.type !== c.type) {
          out.push({
            severity: "warning",
            rule: "data:type_drift",
            table: t.table,
            message: `Column ${t.table}.${c.name} changed type between runs: ${p.type} → ${c.type}.`,
            hint: `Declare the column's type in schema() and convert values consistently (e.g. always str or always int).`,
          });
        }
      }
    }
  }
  return out;
}

/** The DuckDB type `fivetran debug` gives a declared SDK type (docs/warehouse.md, "Types"). */
function declaredDuckType(type: string, precision?: number, scale?: number): string | undefined {
  switch (type.toUpperCase()) {
    case "BOOLEAN":
      return "BOOLEAN";
    case "SHORT":
      return "SMALLINT";
    case "INT":
      return "INTEGER";
    case "LONG":
      return "BIGINT";
    case "FLOAT":
      return "FLOAT";
    case "DOUBLE":
      return "DOUBLE";
    case "NAIVE_DATE":
      return "DATE";
    case "NAIVE_DATETIME":
      return "TIMESTAMP";
    case "UTC_DATETIME":
      return "TIMESTAMP WITH TIME ZONE";
    case "BINARY":
      return "BLOB";
    case "XML":
    case "STRING":
      return "VARCHAR";
    case "JSON":
      return "JSON";
    case "DECIMAL":
      return precision !== undefined ? `DECIMAL(${precision},${scale ?? 0})` : undefined;
    default:
      return undefined;
  }
}

/**
 * What schema() declared against what the warehouse holds. A declared column that never arrived is
 * almost always a spelling difference between schema() and the rows (the rows' column is then a
 * second, inferred column); a declared type that changed means later values did not fit it.
 * Tables with a source schema (`schema=`) live outside `tester` and are not compared here.
 */
export function declaredFindings(declared: DeclaredTable[] | undefined, snapshot: TableSnapshot[]): Finding[] {
  const out: Finding[] = [];
  for (const d of declared ?? []) {
    if ((d as { schema?: string }).schema) continue;
    const name = renameTable(d.table);
    const t = snapshot.find((x) => x.table === name);
    if (!t) {
      out.push({
        severity: "warning",
        rule: "data:declared_table_present",
        table: name,
        message: `schema() declares ${d.table}, but the warehouse has no table ${name}.`,
        hint: `Upsert rows into "${d.table}" (the same name as in schema()), or drop it from schema().`,
      });
      continue;
    }
    const key = (d.primary_key ?? []).map(renameColumn);
    if (key.length && key.join(",") !== t.primaryKey.join(",")) {
      out.push({
        severity: "warning",
        rule: "data:declared_primary_key",
        table: name,
        message: `${name}'s primary key is (${t.primaryKey.join(", ")}) in the warehouse but (${key.join(", ")}) in schema().`,
        hint: "Keep schema()'s primary_key and the rows' key columns the same.",
      });
    }
    for (const [col, spec] of Object.entries(d.columns ?? {})) {
      const c = renameColumn(col);
      const observed = t.columns.find((x) => x.name === c);
      const type = typeof spec === "string" ? spec : spec.type;
      const want = declaredDuckType(type, typeof spec === "string" ? undefined : spec.precision, typeof spec === "string" ? undefined : spec.scale);
      if (!observed) {
        out.push({
          severity: "warning",
          rule: "data:declared_column_present",
          table: name,
          message: `schema() declares ${name}.${col} (${type}), but no row carried it.`,
          hint: `Check the spelling: rows must use the key "${col}", or remove the column from schema().`,
        });
      } else if (want && observed.type.replace(/\s+/g, " ").toUpperCase() !== want) {
        out.push({
          severity: "warning",
          rule: "data:declared_type_kept",
          table: name,
          message: `${name}.${c} is declared ${type} (${want}) but the warehouse column is ${observed.type}: values did not fit the declaration.`,
          hint: `Send values of the declared type for ${col}, or declare the type the data has.`,
        });
      }
    }
  }
  return out;
}
