import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { SCHEMA } from "../warehouse/files.js";
import { withReader } from "../warehouse/registry.js";

/**
 * The content of a warehouse as text, for comparing runs: each table's rows as DuckDB's own JSON text (no value
 * goes through a JavaScript number), sorted. `_fivetran_synced` is left out: it is the time of the run, so two
 * faithful runs never agree on it; everything else a connector controls is in.
 */
export interface TableDump {
  /** Destination name: a tester table by its name, a source schema's as tester_<schema>.<table>. */
  table: string;
  columns: string[];
  primary_key: string[];
  /** One JSON text per row, sorted. */
  rows: string[];
  sha256: string;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const SKIP = new Set(["_fivetran_synced"]);

export async function dumpWarehouse(dbPath: string): Promise<TableDump[]> {
  if (!existsSync(dbPath)) return [];
  return withReader(dbPath, SCHEMA, async (conn) => {
    const text = async (sql: string): Promise<string[][]> => (await conn.runAndReadAll(sql)).getRows().map((r) => r.map((v) => (v === null ? "" : String(v))));
    const tables = await text(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE (table_schema = ${lit(SCHEMA)} OR starts_with(table_schema, ${lit(`${SCHEMA}_`)})) AND table_name NOT LIKE '\\_fivetran%' ESCAPE '\\' ORDER BY table_schema, table_name`,
    );
    const out: TableDump[] = [];
    for (const [schema, table] of tables) {
      const cols = (await text(`SELECT column_name FROM information_schema.columns WHERE table_schema = ${lit(schema)} AND table_name = ${lit(table)} ORDER BY ordinal_position`)).map((r) => r[0]);
      const pk = await text(`SELECT unnest(constraint_column_names) FROM duckdb_constraints() WHERE schema_name = ${lit(schema)} AND table_name = ${lit(table)} AND constraint_type = 'PRIMARY KEY'`);
      const keep = cols.filter((c) => !SKIP.has(c));
      const t = `${ident(schema)}.${ident(table)}`;
      const rows = keep.length ? (await text(`SELECT CAST(to_json(x) AS VARCHAR) AS j FROM (SELECT ${keep.map(ident).join(", ")} FROM ${t}) x ORDER BY j`)).map((r) => r[0]) : [];
      out.push({ table: schema === SCHEMA ? table : `${schema}.${table}`, columns: keep, primary_key: pk.map((r) => r[0]), rows, sha256: sha256(rows.join("\n")) });
    }
    return out;
  });
}

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** sha256 of files/state.json as it is on disk (its bytes: never re-serialised). */
export function stateHash(statePath: string): string | null {
  return existsSync(statePath) ? sha256(readFileSync(statePath)) : null;
}

export interface DumpDiff {
  table: string;
  /** Rows of the expected warehouse missing from the actual one. */
  missing: number;
  /** Rows of the actual warehouse the expected one does not have (duplicates in a key-less table, changed values). */
  extra: number;
  missing_examples: string[];
  extra_examples: string[];
}

/**
 * Row-by-row differences between two warehouses, as multisets. With `project`, rows are compared on the expected
 * table's columns only (a fault that adds a column does not count as changed data).
 */
export function diffDumps(expected: TableDump[], actual: TableDump[], opts: { project?: boolean; keys?: boolean } = {}): DumpDiff[] {
  const out: DumpDiff[] = [];
  const byName = new Map(actual.map((t) => [t.table, t]));
  for (const e of expected) {
    const a = byName.get(e.table);
    // keys: rows compared by their primary key only (a key-less table keeps whole rows); project: on the expected
    // table's columns only.
    const cols = opts.keys && e.primary_key.length ? e.primary_key : opts.project || opts.keys ? e.columns : undefined;
    const same = (t: TableDump) => cols === undefined || t.columns.join("\0") === cols.join("\0");
    const expectedRows = same(e) ? e.rows : project(e.rows, cols!);
    const actualRows = a ? (same(a) ? a.rows : project(a.rows, cols!)) : [];
    const counts = new Map<string, number>();
    for (const r of expectedRows) counts.set(r, (counts.get(r) ?? 0) + 1);
    const extra: string[] = [];
    for (const r of actualRows) {
      const n = counts.get(r) ?? 0;
      if (n > 0) counts.set(r, n - 1);
      else extra.push(r);
    }
    const missing: string[] = [];
    for (const [r, n] of counts) for (let i = 0; i < n; i++) missing.push(r);
    if (missing.length || extra.length) out.push({ table: e.table, missing: missing.length, extra: extra.length, missing_examples: missing.slice(0, 3), extra_examples: extra.slice(0, 3) });
  }
  const names = new Set(expected.map((t) => t.table));
  for (const a of actual) {
    if (!names.has(a.table) && a.rows.length) out.push({ table: a.table, missing: 0, extra: a.rows.length, missing_examples: [], extra_examples: a.rows.slice(0, 3) });
  }
  return out;
}

/**
 * Rows re-keyed to the given columns. The row text is DuckDB's JSON; re-parsing it here would turn numbers into
 * JavaScript numbers, so the projection picks each member's text out of the JSON instead.
 */
function project(rows: string[], columns: string[]): string[] {
  return rows
    .map((r) => {
      const members = jsonMembers(r);
      return `{${columns.map((c) => `${JSON.stringify(c)}:${members.get(c) ?? "null"}`).join(",")}}`;
    })
    .sort();
}

/** The top-level members of a JSON object as name → raw value text. */
export function jsonMembers(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 1;
  const n = text.length;
  const skipWs = () => {
    while (i < n && /\s/.test(text[i])) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < n && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return text.slice(start, i);
  };
  while (i < n) {
    skipWs();
    if (text[i] === "}") break;
    const name = JSON.parse(readString()) as string;
    skipWs();
    i++; // ':'
    skipWs();
    const start = i;
    let depth = 0;
    while (i < n) {
      const ch = text[i];
      if (ch === '"') {
        readString();
        continue;
      }
      if (ch === "{" || ch === "[") depth++;
      else if (ch === "}" || ch === "]") {
        if (depth === 0) break;
        depth--;
      } else if (ch === "," && depth === 0) break;
      i++;
    }
    out.set(name, text.slice(start, i).trim());
    if (text[i] === ",") i++;
  }
  return out;
}
