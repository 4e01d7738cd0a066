import type { DuckDBConnection, DuckDBPreparedStatement } from "@duckdb/node-api";
import { oneLine } from "../workspace/hygiene.js";
import { duckdb } from "./duckdb.js";
import { existsSync } from "node:fs";
import { z } from "zod";
import { ToolError } from "../errors.js";
import { projectRedactor } from "../state/redaction.js";
import { SCHEMA, warehousePath, type ProjectRef } from "./files.js";
import { withReader } from "./registry.js";

export interface QueryOptions {
  maxRows?: number;
  /** Upper bound of the rows' JSON size. */
  maxBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The result of one query, as query_warehouse and `query --json` return it. */
export const queryResultShape = {
  columns: z.array(z.object({ name: z.string().describe("Column name"), type: z.string().describe("DuckDB type") })).describe("Result columns in order"),
  rows: z.array(z.array(z.unknown())).describe("Result rows, one array per row, values in column order"),
  row_count: z.number().describe("Number of rows returned"),
  truncated: z.boolean().describe("True when more rows existed than were returned"),
  truncated_by: z.enum(["max_rows", "max_bytes"]).optional().describe("Which cap cut the result"),
  masked_cells: z.number().optional().describe("How many cells held a secret of the project's configuration or the server's environment, masked as ****"),
};

export type QueryResult = z.infer<z.ZodObject<typeof queryResultShape>>;

export const DEFAULT_MAX_ROWS = 100;
export const MAX_ROWS_LIMIT = 10_000;
export const DEFAULT_MAX_BYTES = 1_000_000;
export const DEFAULT_TIMEOUT_MS = 10_000;

// Statements that start with anything else are refused before DuckDB sees them.
const READ_KEYWORDS = new Set(["select", "with", "from", "values", "table", "explain", "describe", "show", "summarize", "("]);

// Security: table functions that read files or reach out. External access is off as well; this gives a clear
// answer instead of DuckDB's permission error, and covers functions a future DuckDB might allow.
const FILE_FUNCTIONS = [
  "read_csv",
  "read_csv_auto",
  "read_parquet",
  "parquet_scan",
  "read_json",
  "read_json_auto",
  "read_json_objects",
  "read_json_objects_auto",
  "read_ndjson",
  "read_ndjson_auto",
  "read_ndjson_objects",
  "read_text",
  "read_blob",
  "glob",
  "sniff_csv",
  "parquet_metadata",
  "parquet_schema",
  "parquet_file_metadata",
  "parquet_kv_metadata",
  "parquet_bloom_probe",
  "iceberg_scan",
  "iceberg_metadata",
  "iceberg_snapshots",
  "delta_scan",
  "read_xlsx",
  "st_read",
  "sqlite_scan",
  "sqlite_attach",
  "postgres_scan",
  "postgres_attach",
  "mysql_scan",
  "httpfs",
  "http_get",
  "read_avro",
  "getenv",
  "duckdb_secrets",
  "load_aws_credentials",
];
// Security: DuckDB calls a quoted name ("read_text", "READ_TEXT") like the plain one; both forms are refused.
const FILE_FUNCTION_RE = new RegExp(`(?:^|[^\\w"])"?(${FILE_FUNCTIONS.join("|")})"?\\s*\\(`, "i");

/**
 * The longest string or list one function call may build in a query (4 Ki characters or items). DuckDB computes a
 * whole vector of 2,048 rows at a time, and streamed results far ahead of the read, outside its memory_limit:
 * `repeat('x', 16000000) FROM range(10000)` took the server to 10 GB. No query of the connector's rows needs to build
 * more; values the connector stored are read as they are.
 */
export const MAX_BUILT_VALUE = 4 * 1024;

// Security: DuckDB checks for an interrupt between vectors, not inside one function call, and a single string is
// not counted against memory_limit: `SELECT repeat('x', 2000000000)` ran 14 s past a 1 s interrupt and took 4 GB.
// These temporary macros (per connection, first in DuckDB's search order) refuse such a call before it allocates;
// the system function is still what runs below the bound. Calls that name the system catalog are refused above.
const L = MAX_BUILT_VALUE;
const tooLarge = (what: string) => `error('${what} would build more than ${L} characters or items; query_warehouse refuses it')`;
/** How many arguments after the format string the printf()/format() guards accept (one overload per count). */
const FORMAT_MAX_ARGS = 16;
// Security: printf('%2000000000d', 1) or format('{:>2000000000}', 'x') builds one huge string inside a single call,
// like repeat(). The guard reads the format's specifiers (printf: from % to the conversion letter; format: from
// '{' and its ':' to '}') and refuses a width or precision over the bound, and a width taken from an argument
// ('%*d', '{:>{}}'), whose value the macro cannot see in the format. printf and format are variadic and macros are
// not: one overload per argument count, up to FORMAT_MAX_ARGS.
function formatGuard(f: "printf" | "format"): string {
  const specs =
    f === "printf" ? `array_to_string(regexp_extract_all(fmt, '%[^a-zA-Z%]*'), ' ')` : `array_to_string(list_transform(regexp_extract_all(fmt, '[{][^{}]*:[^}]*'), s -> substr(s, 2)), ' ')`;
  const dynamic = f === "printf" ? `contains(${specs}, '*')` : `contains(${specs}, '{')`;
  const widest = `coalesce(list_max(list_transform(regexp_extract_all(${specs}, '[0-9]+'), d -> d::DOUBLE)), 0)`;
  const refused = `error('${f}() with a width or precision over ${L}, or one taken from an argument (${f === "printf" ? "%*d" : "{:>{}}"}), could build more than ${L} characters; query_warehouse refuses it')`;
  const overloads = [];
  for (let n = 0; n <= FORMAT_MAX_ARGS; n++) {
    const args = Array.from({ length: n }, (_, i) => `a${i}`);
    overloads.push(`(${["fmt", ...args].join(", ")}) AS CASE WHEN ${dynamic} OR ${widest} > ${L} THEN ${refused} ELSE system.main.${f}(${["fmt", ...args].join(", ")}) END`);
  }
  return `${f}${overloads.join(", ")}`;
}
const GUARD_MACROS = [
  `repeat(s, n) AS CASE WHEN n * greatest(length(s), 1) > ${L} THEN ${tooLarge("repeat()")} ELSE system.main.repeat(s, n) END`,
  `lpad(s, n, f) AS CASE WHEN n > ${L} THEN ${tooLarge("lpad()")} ELSE system.main.lpad(s, n, f) END`,
  `rpad(s, n, f) AS CASE WHEN n > ${L} THEN ${tooLarge("rpad()")} ELSE system.main.rpad(s, n, f) END`,
  `list_resize(l, n) AS CASE WHEN n > ${L} THEN ${tooLarge("list_resize()")} ELSE system.main.list_resize(l, n) END, (l, n, v) AS CASE WHEN n > ${L} THEN ${tooLarge("list_resize()")} ELSE system.main.list_resize(l, n, v) END`,
  `array_resize(l, n) AS CASE WHEN n > ${L} THEN ${tooLarge("array_resize()")} ELSE system.main.array_resize(l, n) END, (l, n, v) AS CASE WHEN n > ${L} THEN ${tooLarge("array_resize()")} ELSE system.main.array_resize(l, n, v) END`,
  ...["range", "generate_series"].map(
    (f) =>
      `${f}(n) AS CASE WHEN n > ${L} THEN ${tooLarge(`${f}()`)} ELSE system.main.${f}(n) END, ` +
      `(a, b) AS CASE WHEN b - a > ${L} THEN ${tooLarge(`${f}()`)} ELSE system.main.${f}(a, b) END, ` +
      `(a, b, c) AS CASE WHEN (b - a) / c > ${L} THEN ${tooLarge(`${f}()`)} ELSE system.main.${f}(a, b, c) END`,
  ),
  ...(["printf", "format"] as const).map((f) => formatGuard(f)),
].map((m) => `CREATE OR REPLACE TEMP MACRO ${m}`);
// Security: a call through the system or temp catalog by name would pass the guard macros.
const CATALOG_CALL_RE = /(^|[^\w"])"?(system|temp)"?\s*\.\s*("?main"?\s*\.\s*)?"?\w+"?\s*\(/i;

/**
 * The SQL without comments and string literals, for the keyword checks (quoted identifiers stay). One pass, linear:
 * a regular expression for block comments rescanned the rest of the text from every unclosed `/*`.
 */
const MAX_COMMENT_DEPTH = 8;

function skeleton(sql: string): string {
  let out = "";
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? n : end;
      out += " ";
    } else if (c === "/" && sql[i + 1] === "*") {
      // Block comments nest in DuckDB's dialect. Security: DuckDB's parser takes quadratic time over deeply nested or
      // unclosed comments, before any interrupt can stop it (9,990 `/*` took 9–18 s), so those are refused here.
      let depth = 1;
      let j = i + 2;
      while (depth > 0 && j < n) {
        if (sql[j] === "/" && sql[j + 1] === "*") {
          depth++;
          j += 2;
          if (depth > MAX_COMMENT_DEPTH) reject(`Block comments nested more than ${MAX_COMMENT_DEPTH} deep are refused.`, sql);
        } else if (sql[j] === "*" && sql[j + 1] === "/") {
          depth--;
          j += 2;
        } else j++;
      }
      if (depth > 0) reject("The query has a /* comment that is never closed.", sql);
      i = j;
      out += " ";
    } else if (c === "'") {
      let j = i + 1;
      for (;;) {
        const q = sql.indexOf("'", j);
        if (q < 0) {
          j = n;
          break;
        }
        if (sql[q + 1] === "'") j = q + 2;
        else {
          j = q + 1;
          break;
        }
      }
      i = j;
      out += "''";
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function reject(message: string, sql: string): never {
  throw new ToolError(
    "query_rejected",
    message,
    "Send one read-only SELECT over the connector's tables, e.g. SELECT * FROM my_table LIMIT 10 (describe_warehouse lists them).",
    sql.length > 200 ? `${sql.slice(0, 200)}…` : sql,
  );
}

/** Checks the text of a query before it reaches DuckDB; the statement type is checked again after parsing. */
export function checkQueryText(sql: string): void {
  const body = skeleton(sql).trim().replace(/;\s*$/, "");
  if (!body) reject("The query is empty.", sql);
  if (body.includes(";")) reject("Only one statement is allowed per query.", sql);
  const first = /^\(|^[a-z_]+/i.exec(body)?.[0].toLowerCase() ?? "";
  if (!READ_KEYWORDS.has(first)) reject(`Only read-only queries are allowed; '${first || body.slice(0, 20)}' statements are refused.`, sql);
  if (CATALOG_CALL_RE.test(body)) reject("Functions cannot be called through the system or temp catalog in query_warehouse; call them by their plain name.", sql);
  const fn = FILE_FUNCTION_RE.exec(body);
  if (fn) reject(`The function ${fn[1]}() reads files or the network, which query_warehouse does not allow.`, sql);
  // Quoted file paths used as tables (FROM 'x.csv') are refused by DuckDB itself (external access is off), and
  // statements hidden inside a SELECT cannot exist: DuckDB's parse confirms the statement type before it runs.
}

function missingWarehouse(projectDir: ProjectRef): ToolError {
  return new ToolError(
    "not_found",
    `There is no warehouse yet: ${warehousePath(projectDir)} does not exist.`,
    "Run run_debug first; it creates files/warehouse.db.",
    typeof projectDir === "string" ? projectDir : projectDir.root,
  );
}

/** Runs one read-only statement against files/warehouse.db with the caps of QueryOptions. */
export async function queryWarehouse(projectDir: ProjectRef, sql: string, opts: QueryOptions = {}): Promise<QueryResult> {
  checkQueryText(sql);
  const dbPath = warehousePath(projectDir);
  if (!existsSync(dbPath)) throw missingWarehouse(projectDir);
  const maxRows = Math.min(Math.max(1, Math.floor(opts.maxRows ?? DEFAULT_MAX_ROWS)), MAX_ROWS_LIMIT);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // Security: a connector may have written a configuration secret into a table; rows and DuckDB's errors (which
  // quote values) pass the project's redactor. Known secrets only: a row may legitimately look like `token=...`.
  const redactor = projectRedactor(projectDir, [], false);
  let result: QueryResult;
  try {
    result = await withReader(dbPath, SCHEMA, (conn) => runCapped(conn, sql, maxRows, maxBytes, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, opts.signal));
  } catch (e) {
    if (e instanceof ToolError) throw new ToolError(e.code, redactor.redact(e.message), e.hint, redactor.redactValue(e.value));
    throw e;
  }
  let masked = 0;
  const rows = result.rows.map((row) =>
    row.map((cell) => {
      if (cell === null || typeof cell === "number" || typeof cell === "boolean") return cell;
      const clean = redactor.redactValue(cell);
      if (JSON.stringify(clean) !== JSON.stringify(cell)) masked++;
      return clean;
    }),
  );
  return { ...result, rows, ...(masked ? { masked_cells: masked } : {}) };
}

async function runCapped(conn: DuckDBConnection, sql: string, maxRows: number, maxBytes: number, timeoutMs: number, signal?: AbortSignal): Promise<QueryResult> {
  // Security: the time limit covers every phase, binding too (a view of a planted file binds by reading it).
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    conn.interrupt();
  }, timeoutMs);
  const onAbort = () => conn.interrupt();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    return await runTimed(conn, sql, maxRows, maxBytes, signal, () => timedOut, timeoutMs);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

async function runTimed(conn: DuckDBConnection, sql: string, maxRows: number, maxBytes: number, signal: AbortSignal | undefined, timedOut: () => boolean, timeoutMs: number): Promise<QueryResult> {
  let prepared;
  try {
    for (const m of GUARD_MACROS) await conn.run(m);
    const extracted = await conn.extractStatements(sql);
    if (extracted.count !== 1) reject("Only one statement is allowed per query.", sql);
    prepared = await extracted.prepare(0);
  } catch (e) {
    if (e instanceof ToolError) throw e;
    if (timedOut()) throw timeoutError(timeoutMs);
    throw queryFailed(e, sql);
  }
  // Security: DuckDB's own parse decides the statement type; only SELECT (and EXPLAIN of one) may run.
  if (prepared.statementType !== duckdb.StatementType.SELECT && prepared.statementType !== duckdb.StatementType.EXPLAIN) reject("Only read-only SELECT statements are allowed.", sql);
  if (prepared.statementType === duckdb.StatementType.SELECT) prepared = (await rowBounded(conn, sql, prepared, maxRows)) ?? prepared;

  try {
    const result = await prepared.stream();
    const columns = result.columnNames().map((name, i) => ({ name, type: result.columnType(i).toString() }));
    const bigints = result.columnTypes().map((t) => t.typeId === duckdb.DuckDBTypeId.BIGINT || t.typeId === duckdb.DuckDBTypeId.HUGEINT || t.typeId === duckdb.DuckDBTypeId.UBIGINT);
    const rows: unknown[][] = [];
    let bytes = 0;
    let truncatedBy: QueryResult["truncated_by"];
    // Security: one row is converted to JavaScript at a time and the caps apply as it is read; converting a whole
    // chunk (2,048 rows) first held every cell of it in memory before any cap could stop it.
    outer: for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      for (let r = 0; r < chunk.rowCount; r++) {
        if (rows.length >= maxRows) {
          truncatedBy = "max_rows";
          break outer;
        }
        const raw = chunk.convertRowValues(r, duckdb.JsonDuckDBValueConverter);
        const row = raw.map((v, i) => (bigints[i] && typeof v === "string" && Number.isSafeInteger(Number(v)) ? Number(v) : v));
        bytes += JSON.stringify(row).length + 1;
        if (bytes > maxBytes) {
          truncatedBy = "max_bytes";
          break outer;
        }
        rows.push(row);
      }
    }
    return { columns, rows, row_count: rows.length, truncated: truncatedBy !== undefined, ...(truncatedBy ? { truncated_by: truncatedBy } : {}) };
  } catch (e) {
    if (timedOut()) throw timeoutError(timeoutMs);
    if (signal?.aborted) throw new ToolError("cancelled", "The query was cancelled.");
    if (e instanceof ToolError) throw e;
    throw queryFailed(e, sql);
  }
}

/**
 * The same SELECT with a LIMIT of one row past max_rows, when DuckDB gives it exactly the same columns.
 *
 * Security: DuckDB computes a streamed result far ahead of what is read (`repeat('x', 4000) FROM range(100000)`
 * peaked at 349 MB for 249 rows read, 142 MB with the LIMIT); the LIMIT stops the pipeline itself. The wrapped text is
 * prepared and type-checked like the original, and any doubt (it does not prepare, a column differs: duplicate names
 * are renamed in a subquery) keeps the original statement, whose read the row and byte caps still stop.
 */
async function rowBounded(conn: DuckDBConnection, sql: string, original: DuckDBPreparedStatement, maxRows: number): Promise<DuckDBPreparedStatement | undefined> {
  let bounded: DuckDBPreparedStatement;
  try {
    // The newline ends a trailing -- comment; a trailing semicolon fails to prepare and the original is kept.
    bounded = await conn.prepare(`SELECT * FROM (\n${sql}\n) LIMIT ${maxRows + 1}`);
  } catch {
    return undefined;
  }
  if (bounded.statementType !== duckdb.StatementType.SELECT || bounded.columnCount !== original.columnCount) return undefined;
  for (let i = 0; i < original.columnCount; i++) {
    if (bounded.columnName(i) !== original.columnName(i) || bounded.columnType(i).toString() !== original.columnType(i).toString()) return undefined;
  }
  return bounded;
}

function timeoutError(timeoutMs: number): ToolError {
  return new ToolError("timeout", `The query ran longer than ${Math.round(timeoutMs / 1000)} s and was interrupted.`, "Add a LIMIT or a WHERE clause, or aggregate, and try again.");
}

function queryFailed(e: unknown, sql: string): ToolError {
  const message = (e as Error)?.message ?? String(e);
  const hint = /permission|external access|file system operations are disabled/i.test(message)
    ? "query_warehouse cannot read files or the network; query the connector's tables instead."
    : /does not exist|Referenced column .* not found/i.test(message)
      ? "Call describe_warehouse to see the tables and columns: the warehouse renames the source's names (camelCase → snake_case, e.g. updatedAt → updated_at), while connector.py keeps using the source's."
      : "Fix the SQL (DuckDB dialect) and try again.";
  // Security: DuckDB quotes names from the file (a planted table may be named to end the result early): one line.
  return new ToolError("query_failed", `DuckDB: ${oneLine(message)}`, hint, sql.length > 200 ? `${sql.slice(0, 200)}…` : sql);
}

export { missingWarehouse };
