import type { DuckDBAppender, DuckDBConnection, DuckDBType, DuckDBValue } from "@duckdb/node-api";
import { DECIMAL_RE, isNativeKind, MISFIT, nativeValue, stageText, type PythonDigits } from "../cells.js";
import { duckdb } from "../duckdb.js";
import { quote } from "../names.js";
import type { Cells, Columns, SyncTable } from "./batch.js";
import { TSTZ } from "./system.js";

const {
  BIGINT,
  BOOLEAN,
  DATE,
  DECIMAL,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  FLOAT,
  INTEGER,
  SMALLINT,
  TIMESTAMP,
  TIMESTAMPTZ,
  VARCHAR,
} = duckdb;
// JSON is VARCHAR to the appender, which keeps the text as a CAST to JSON does.
const DUCK_TYPES: Record<string, DuckDBType> = { BOOLEAN, SMALLINT, INTEGER, BIGINT, DOUBLE, FLOAT, [TSTZ]: TIMESTAMPTZ, TIMESTAMP, DATE, JSON: VARCHAR };

/** The DuckDB type of a native column's vector. */
function duckType(kind: string): DuckDBType {
  const decimal = DECIMAL_RE.exec(kind);
  return decimal ? DECIMAL(+decimal[1], +decimal[2]) : DUCK_TYPES[kind];
}

/**
 * How a native value of this kind goes into its vector: times, dates and decimals in their DuckDB wrappers (undefined:
 * as it is). Picked once per column, not per value: a DECIMAL's width and scale are read from its kind here.
 */
function wrapperFor(kind: string): ((v: boolean | bigint | number | string) => DuckDBValue) | undefined {
  if (kind === TSTZ) return (v) => new DuckDBTimestampTZValue(v as bigint);
  if (kind === "TIMESTAMP") return (v) => new DuckDBTimestampValue(v as bigint);
  if (kind === "DATE") return (v) => new DuckDBDateValue(v as number);
  const decimal = DECIMAL_RE.exec(kind);
  if (!decimal) return undefined;
  const width = +decimal[1];
  const scale = +decimal[2];
  return (v) => new DuckDBDecimalValue(v as bigint, width, scale);
}

/**
 * Getting rows into DuckDB: appended in data chunks, as native values where the column's type allows, into a
 * staging table or straight into the target table.
 */
export class Loader {
  private stageSeq = 0;
  /**
   * Staging tables emptied for reuse, by their column definitions, and the definition of each pooled table. DuckDB
   * keeps the storage of a table created and dropped inside a transaction until the transaction ends (some 60–120
   * KB each): a checkpoint written early thousands of times (updates, rows of keys already in the table) ran out of
   * the memory limit with a staging table per write. An emptied table is reused instead, with flat memory.
   */
  private readonly free = new Map<string, string[]>();
  private readonly pooled = new Map<string, string>();

  constructor(
    private readonly conn: DuckDBConnection,
    /** The text of a `_fivetran_synced` time (Clock.timeText). */
    private readonly timeText: (us: number) => string,
    /** The sync's digits past ASCII (cells.ts, PythonDigits). */
    private readonly digits: PythonDigits,
  ) {}

  /**
   * Loads rows into a temporary table and returns a FROM item that reads them typed like the target. Columns of
   * the common types (isNativeKind()) are appended as native values in data chunks; the others, and a native column
   * that meets a value only the general path handles, are loaded as text and CAST, as the SDK's core does. Empties
   * `rows` once they are loaded.
   */
  async stage(t: SyncTable, columns: string[], types: Columns, rows: Cells[], asText?: number): Promise<{ from: string; drop: string }> {
    const kinds = columns.map((c) => types.get(c)!);
    const at = columns.map((c) => t.index.get(c) ?? -1);
    const native = kinds.map((k, i) => isNativeKind(k) && i !== asText);
    // A stage with a column loaded as text, whose CAST may fail, is read as the SDK's staging reads it (see below):
    // its timestamps too, as text, so a DuckDB error quotes their CAST(REPLACE(...)) as it quotes the SDK's.
    const textTimes = () => {
      for (let i = 0; i < kinds.length; i++) if (kinds[i].startsWith("TIMESTAMP")) native[i] = false;
    };
    if (asText !== undefined) textTimes();
    for (;;) {
      // Eight hex digits, as the SDK's staging names its tables (it draws them at random): a DuckDB error raised
      // while reading the stage quotes the statement around the failing column, which may reach back to the name.
      const def = columns.map((c, i) => `${quote(c)} ${native[i] ? kinds[i] : "VARCHAR"}`).join(", ");
      let name = this.free.get(def)?.pop();
      if (name === undefined) {
        name = `stage_${(++this.stageSeq).toString(16).padStart(8, "0")}`;
        await this.conn.run(`CREATE TEMP TABLE ${name} (${def})`);
        this.pooled.set(name, def);
      }
      const misfit = await this.fill({ table: name, schema: "main", catalog: "temp" }, kinds, at, native, rows);
      if (misfit < 0) {
        // The rows are in DuckDB now: let go of them (the caller's array) before the statements that read them.
        rows.length = 0;
        // Every column is CAST, the native ones to the type they already have (a no-op to DuckDB), as the SDK's
        // staging writes it: an error DuckDB raises here quotes this statement, and reads as the SDK's does.
        const select = columns.map((c, i) => `${native[i] ? `CAST(${quote(c)} AS ${kinds[i]})` : castExpr(c, kinds[i])} AS ${quote(c)}`).join(", ");
        if (!columns.some((_, i) => !native[i] && kinds[i] !== "VARCHAR" && kinds[i] !== "BLOB")) return { from: `(SELECT ${select} FROM ${name})`, drop: name };
        // A CAST of text may fail (40000 into SMALLINT, a DECIMAL rounded past its precision). It fails in the
        // statement the SDK's staging fails in, a typed copy of the stage, so DuckDB's error quotes the same text.
        await this.conn.run(`CREATE TEMP TABLE ${name}_typed AS SELECT ${select} FROM ${name}`);
        await this.release(name);
        return { from: `${name}_typed`, drop: `${name}_typed` };
      }
      await this.release(name);
      native[misfit] = false;
      textTimes();
    }
  }

  /** Done with a staging table stage() returned (its `drop`): emptied for reuse, or dropped if not pooled. */
  async release(name: string): Promise<void> {
    const def = this.pooled.get(name);
    if (def === undefined) {
      await this.conn.run(`DROP TABLE ${name}`);
      return;
    }
    await this.conn.run(`TRUNCATE ${name}`);
    let free = this.free.get(def);
    if (!free) this.free.set(def, (free = []));
    free.push(name);
  }

  /** The transaction was rolled back: the staging tables created in it are gone, and the others left as they were. */
  rolledBack(): void {
    this.free.clear();
    this.pooled.clear();
  }

  /**
   * Appends the rows in chunks; returns -1, or the index of a native column that met a value it cannot take. Then
   * nothing was appended: DuckDB's appender keeps what it was given until it is flushed, which happens only at the
   * end here or past 204,800 rows (DIRECT_MAX_ROWS keeps a direct append below that).
   */
  async fill(into: { table: string; schema: string; catalog?: string }, kinds: string[], at: number[], native: boolean[], rows: Cells[]): Promise<number> {
    const appender = await this.conn.createAppender(into.table, into.schema, into.catalog);
    let misfit: number;
    try {
      misfit = this.append(appender, kinds, at, native, rows);
    } catch (e) {
      // Closing an appender whose rows DuckDB refused (a duplicate key, say) throws "Current transaction is
      // aborted", which would replace the error that says why: that one is reported, whatever closing says.
      try {
        appender.closeSync();
      } catch {
        // The append's own error follows.
      }
      throw e;
    }
    appender.closeSync();
    return misfit;
  }

  /** fill()'s appending: -1 once the rows are flushed, or the index of a native column that met a misfit. */
  private append(appender: DuckDBAppender, kinds: string[], at: number[], native: boolean[], rows: Cells[]): number {
    const chunkTypes = kinds.map((k, i) => (native[i] ? duckType(k) : VARCHAR));
    const size = 2048;
    // One chunk, reset between appends: the appender copies its rows, and a chunk per 2,048 rows left the
    // native vectors (and their string heaps) to V8's finalizers, which run too rarely to keep memory flat.
    const chunk = DuckDBDataChunk.create(chunkTypes);
    for (let from = 0; from < rows.length; from += size) {
      const n = Math.min(size, rows.length - from);
      chunk.reset();
      chunk.rowCount = n;
      for (let i = 0; i < kinds.length; i++) {
        const vector = chunk.getColumnVector(i);
        const col = at[i];
        const kind = kinds[i];
        if (native[i]) {
          const wrap = wrapperFor(kind);
          for (let r = 0; r < n; r++) {
            const cell = col < 0 ? undefined : rows[from + r][col];
            const v = cell === undefined ? null : nativeValue(cell, kind);
            if (v === MISFIT) {
              appender.clear();
              return i;
            }
            vector.setItem(r, wrap && v !== null ? wrap(v) : v);
          }
        } else {
          for (let r = 0; r < n; r++) {
            const cell = col < 0 ? undefined : rows[from + r][col];
            vector.setItem(r, cell === undefined ? null : typeof cell === "number" ? this.timeText(cell) : stageText(cell, kind, this.digits));
          }
        }
        vector.flush();
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    return -1;
  }
}

/** The SQL that reads a column loaded as text as its type, spelled as the SDK's staging spells it (`raw`: an expression, not a column name). */
export function castExpr(column: string, kind: string, raw = false): string {
  const x = raw ? column : quote(column);
  if (kind === "BLOB") return `FROM_BASE64(${x})`;
  if (kind.startsWith("TIMESTAMP")) return `CAST(REPLACE(${x}, 't', 'T') AS ${kind})`;
  return `CAST(${x} AS ${kind})`;
}
