import type { DuckDBConnection, DuckDBInstance, DuckDBType } from "@duckdb/node-api";
import { createHash } from "node:crypto";
import { readdirSync, rmdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { ToolError } from "../errors.js";
import type { ChannelRecord, DeclaredTable, RowRecord, Shape, WireCell } from "../protocol.js";
import { cellOf, cellType, declaredDuckType, FloatCell, mergeTypes, MISFIT, NATIVE_KINDS, nativeValue, stageText, textType, widerType, type Cell, type NativeKind } from "./cells.js";
import { duckdb } from "./duckdb.js";
import { ConnectorProject } from "../workspace/project.js";
import { FILES_DIR, filesDir, METADATA_TABLE, SCHEMA, STATE_FILE, warehousePath } from "./files.js";
import { quote, renameColumn, renameSchema, renameTable } from "./names.js";
import { openWriterInstance, releaseWriterInstance } from "./registry.js";

const { BIGINT, BOOLEAN, DOUBLE, DuckDBDataChunk, DuckDBTimestampTZValue, FLOAT, TIMESTAMPTZ, VARCHAR } = duckdb;

const FIVETRAN_ID = "_fivetran_id";
const FIVETRAN_DELETED = "_fivetran_deleted";
const FIVETRAN_SYNCED = "_fivetran_synced";
/** The column FileUpload sets to the uploaded file's path. */
const FILE_PATH = "_fivetran_file_path";
const TSTZ = "TIMESTAMP WITH TIME ZONE";
const DUCK_TYPES: Record<string, DuckDBType> = { BOOLEAN, BIGINT, DOUBLE, FLOAT, [TSTZ]: TIMESTAMPTZ };
/**
 * Operations held in memory before they are written to DuckDB inside the transaction that the next checkpoint
 * commits. A connector that checkpoints once, at the end of millions of rows, then costs this many rows of memory
 * instead of all of them. Measured with scripts/bench/sync.mjs (200,000 new rows, appended straight in): 4,096,
 * 8,192 and 16,384 took the same time, but V8's heap grew with the rows at 8,192 and above (rows that live through
 * a young-generation collection are promoted and die in the old one): peak 49 MB at 4,096, 97 MB at 16,384. Rows
 * that go through a staging table (keys already in the table) paid about a tenth more time at 4,096.
 */
export const SPILL_ROWS = 4_096;
/**
 * The most rows appended straight into a table at once (see upsertRows()): below the 204,800 rows at which DuckDB's
 * appender flushes by itself, so a value found unfit halfway leaves nothing appended.
 */
const DIRECT_MAX_ROWS = 100_000;
/** DuckDB's memory limit for a sync (see open()). */
const DUCKDB_MEMORY_LIMIT = "256MB";

type Columns = Map<string, string>;

/**
 * A row waiting for a checkpoint: its cells by column index of its table (undefined: the operation did not bring
 * the column; a number: the `_fivetran_synced` time in microseconds). Arrays rather than maps, because a batch
 * holds tens of thousands of rows.
 */
type Cells = (Cell | number | undefined)[];

interface Pending {
  upsert: boolean;
  cells: Cells;
  /** An update of a key this sync had not upserted when its batch was closed: its "" become NULL. */
  blank?: boolean;
}

/** What a table got between two checkpoints. */
class Batch {
  pending = new Map<string, Pending>();
  truncateBefore: string | null = null;
  /** The type of each column's values since the last write of this table (insertion order: first seen). */
  seen = new Map<string, string>();
  /** The batch that follows, once this one is closed: where `seen` goes when this batch is not written. */
  next: Batch | undefined;
  hasUpserts = false;
  /**
   * An upsert of this batch has a key that an earlier batch of this sync upserted: it may meet a row already in
   * the table. Without one (and with a table empty when the sync began), the upserts can be appended straight
   * into the table (see upsertRows()).
   */
  mayConflict = false;
}

/** What a source column name means in one table; looked up once per name, not once per value. */
interface SourceColumn {
  index: number;
  /** The renamed column has a declared type, which wins over sniffing: its values need no type guess. */
  typed: boolean;
}

/** A table of this sync: what schema() declared, its key, and the rows waiting for the next checkpoint. */
class SyncTable {
  batch = new Batch();
  /** Renamed column names by index, and back; system columns get an index like any other. */
  readonly columns: string[] = [];
  readonly index = new Map<string, number>();
  readonly sources = new Map<string, SourceColumn>();
  /** Every key this sync has upserted, written or not (an update of one keeps its empty strings). */
  upserted = new KeySet();
  /**
   * Set when this table was created inside the open transaction: its data columns in the order they first came
   * since the last checkpoint, the order one write at the checkpoint would have created them in (see order()).
   */
  txOrder: string[] | undefined;
  /** The table's name as the connector gave it: stored files live under files/storage/<schema>/<this>/. */
  source = "";
  /** Whether the table held no rows when this sync first wrote to it; undefined until then (see upsertRows()). */
  emptyAtStart: boolean | undefined;
  readonly keyIndex: number[];
  readonly idIndex: number;
  readonly deletedIndex: number;
  readonly syncedIndex: number;
  constructor(
    /** The destination schema: tester, or tester_<source schema> for a table named with schema= (SDK 3.0). */
    readonly schema: string,
    readonly name: string,
    readonly declared: Columns,
    /** SDK types by source column name, as the SDK encodes values before renaming. */
    readonly sourceTypes: Map<string, string>,
    readonly key: string[],
    readonly hashedKey: boolean,
    readonly isDeclared: boolean,
  ) {
    this.keyIndex = key.map((k) => this.columnIndex(k));
    this.idIndex = this.columnIndex(FIVETRAN_ID);
    this.deletedIndex = this.columnIndex(FIVETRAN_DELETED);
    this.syncedIndex = this.columnIndex(FIVETRAN_SYNCED);
  }
  columnIndex(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.columns.length;
      this.columns.push(name);
      this.index.set(name, i);
    }
    return i;
  }
  /** Closes the current batch (a checkpoint) and starts the next; decides now which updates blank their "". */
  close(): Batch {
    const b = this.batch;
    b.next = this.batch = new Batch();
    for (const [k, p] of b.pending) if (!p.upsert) p.blank = !this.upserted.has(k);
    return b;
  }
  clear(): void {
    this.batch = new Batch();
  }
}

export interface WriterOptions {
  /** Drop the warehouse and the state first (like `fivetran reset`). */
  reset?: boolean;
  /** Warnings the SDK would log (renaming collisions, clamped decimals). */
  onWarning?: (message: string) => void;
  /** Operations held in memory before they are written early (default SPILL_ROWS; tests use small numbers). */
  spillRows?: number;
  /** Append rows of new keys straight into their table (default true; tests compare with false). */
  directAppend?: boolean;
}

/**
 * files/warehouse.db with the semantics of SDK 3.0's `fivetran debug` (docs/warehouse.md): rows wait in memory,
 * keyed by primary key, until a checkpoint writes them through a staging table, commits, and then saves the
 * state. Past SPILL_ROWS operations the rows are written early, into a transaction that stays open until the next
 * checkpoint commits it, so memory does not grow with the rows of a checkpoint. A failure rolls back to the last
 * checkpoint.
 */
export class WarehouseWriter {
  /** The tables of this sync without a source schema, by source name; the others by source schema, then name. */
  private tables = new Map<string, SyncTable>();
  private schemaTables = new Map<string, Map<string, SyncTable>>();
  /** Every table of this sync, in the order they came (the order the SDK writes them in). */
  private all: SyncTable[] = [];
  private renamedSeen = new Map<string, string>();
  /** Destination names of source tables, by `schema\0table`, as the harness renamed them. */
  private tableNames = new Map<string, { name: string; dest: string }>();
  /** Shapes of rows given as objects (see applyObject()). */
  private objectShapes = new Map<string, Shape>();
  private columnNames = new Map<string, string>();
  private declaredCreated = false;
  private clockUs = 0;
  private clockSecond = -1;
  private clockPrefix = "";
  private stageSeq = 0;
  /** Columns and primary key of each table, by cacheKey(schema, table), as last read (see ddl()). */
  private columnCache = new Map<string, Columns>();
  private keyCache = new Map<string, string[]>();
  private closed = false;
  /** The checkpoint being written, if any; later checkpoints, rollback and close wait for it. */
  private inflight: Promise<void> = Promise.resolve();
  /** A flush that failed: the sync cannot go on, and every later checkpoint reports this error. */
  private failure: ToolError | undefined;
  /** Operations recorded since rows were last handed to DuckDB. */
  private pendingRows = 0;
  /** A transaction holds rows written before their checkpoint (a spill); the next checkpoint commits it. */
  private txOpen = false;
  /** Spills and checkpoints handed to DuckDB and not finished yet, oldest first. */
  private readonly queue: Promise<void>[] = [];
  /** Tables whose existing rows the open transaction changed (by cacheKey): see alter(). */
  private touched = new Set<string>();
  /** Stored-file paths that rows of the open transaction stopped naming: deleted after the commit if none does. */
  private staleFiles = new Map<SyncTable, Set<string>>();

  private constructor(
    readonly projectDir: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly onWarning: (m: string) => void,
    private readonly spillRows: number,
    private readonly direct: boolean,
  ) {}

  static async open(projectDir: string, opts: WriterOptions = {}): Promise<WarehouseWriter> {
    // Security: files/ is created through the project layer, and the database and its .wal are checked to be regular
    // files inside the folder right before DuckDB opens them (src/warehouse/pin.ts closes the race that leaves, but for a swap and swap back inside DuckDB's open).
    const project = ConnectorProject.of(projectDir);
    project.mkdir(FILES_DIR);
    const dbPath = warehousePath(project);
    const instance = await openWriterInstance(dbPath);
    let conn: DuckDBConnection | undefined;
    try {
      conn = await instance.connect();
      // The SDK writes in UTC; then the configuration is frozen for every connection of this instance, readers too.
      await conn.run("SET GLOBAL TimeZone = 'UTC'");
      // One DuckDB thread: during a sync the connector's Python and our main thread already use the cores, and a
      // second DuckDB thread measured more CPU for the same work and no shorter sync (scripts/bench/sync.mjs).
      await conn.run("SET GLOBAL threads = 1");
      // DuckDB's allocator keeps freed memory cached per thread (up to 128 MB by default) and returns it only from
      // a background thread: without one, each checkpoint's freed staging memory stayed resident and the writer's
      // RSS grew with the rows synced (about 30 MB less at 200,000 rows with these, scripts/bench/sync.mjs).
      await conn.run("SET GLOBAL allocator_flush_threshold = '4MB'");
      await conn.run("SET GLOBAL allocator_background_threads = true");
      // Rows written early but not yet committed (see SPILL_ROWS) live in DuckDB's memory; past this limit DuckDB
      // moves them to files/warehouse.db.tmp, so a connector that checkpoints once, at the end, no longer holds
      // its whole sync in memory (800,000 such rows: 514 MB peak without the limit, 425 MB with it). A table too
      // large for it (some 12 million keys in one transaction) fails with DuckDB's Out of Memory error.
      await conn.run(`SET GLOBAL memory_limit = '${DUCKDB_MEMORY_LIMIT}'`);
      await conn.run("SET GLOBAL lock_configuration = true");
      if (opts.reset) {
        for (const schema of await syncSchemas(conn)) await conn.run(`DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`);
        await conn.run(`DROP TABLE IF EXISTS main.${quote(METADATA_TABLE)}`);
        project.remove(STATE_FILE);
      }
      await conn.run(`CREATE SCHEMA IF NOT EXISTS ${quote(SCHEMA)}`);
      await conn.run(`CREATE TABLE IF NOT EXISTS main.${quote(METADATA_TABLE)} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
      await conn.run(`INSERT INTO main.${quote(METADATA_TABLE)} VALUES ('naming_strategy', 'FIVETRAN_NAMING') ON CONFLICT DO NOTHING`);
      if (opts.reset) await conn.run("CHECKPOINT");
    } catch (e) {
      conn?.closeSync();
      instance.closeSync();
      releaseWriterInstance(dbPath, instance);
      throw e;
    }
    return new WarehouseWriter(projectDir, instance, conn, opts.onWarning ?? (() => {}), Math.max(1, opts.spillRows ?? SPILL_ROWS), opts.directAppend ?? true);
  }

  // ------------------------------------------------------------------ operations

  /**
   * Applies a schema, table, truncate or row record (rows given as objects: tests and tools); returns the number of
   * schema changes it made (the SDK counts declared tables). The runner calls the methods below directly.
   */
  async apply(rec: ChannelRecord): Promise<number> {
    this.assertOpen();
    switch (rec.t) {
      case "schema":
        return this.declare(rec.tables);
      case "table":
        this.nameTable(rec.table, rec.schema, rec.name, rec.dest);
        return 0;
      case "upsert":
      case "update":
      case "delete":
        if (!("data" in rec)) throw new ToolError("internal", "A row given by shape reached apply(); the runner passes those to row().");
        this.applyNow(rec);
        return 0;
      case "truncate":
        this.truncate(rec.table, rec.schema);
        return 0;
      default:
        return 0;
    }
  }

  /**
   * A row given as an object of cells (tests and tools), applied at once: its shape is made here, its names renamed
   * by names.ts. Throws what fails the sync.
   */
  applyNow(rec: RowRecord): void {
    const cols = Object.keys(rec.data);
    const key = `${rec.schema ?? ""}\0${rec.table}\0${cols.join("\0")}`;
    let shape = this.objectShapes.get(key);
    if (!shape) {
      const types = (rec.schema === undefined ? this.tables.get(rec.table) : this.schemaTables.get(rec.schema)?.get(rec.table))?.sourceTypes;
      const double = cols.flatMap((c, i) => (types?.get(c) === "DOUBLE" ? [i] : []));
      shape = { cols, names: cols.map((c) => this.column(c)), ...(double.length ? { double } : {}) };
      this.objectShapes.set(key, shape);
    }
    const values = Object.values(rec.data);
    // A row that did not come from the harness (a test, a tool) and names no `_fivetran_id` gets one of its own, a
    // hash of its names and cells; the harness always sends the SDK's.
    const id =
      rec.id ??
      createHash("sha1")
        .update(JSON.stringify([shape.names, values]))
        .digest("base64");
    this.row(rec.t, rec.table, shape, values, rec.schema, id);
  }

  /** The destination names of a source table, as the harness renamed them; before the table's first record. */
  nameTable(source: string, sourceSchema: string | undefined, name: string, dest: string): void {
    this.tableNames.set(`${sourceSchema ?? ""}\0${source}`, { name, dest });
  }

  /** A truncate: the rows synced before now are deleted at the next write. */
  truncate(source: string, sourceSchema?: string): void {
    this.assertOpen();
    this.table(source, sourceSchema).batch.truncateBefore = this.now();
  }

  /**
   * An upsert, update or delete, applied at once without a promise (the per-row path of a sync): its cells by
   * position of `shape`'s columns, and, for a table without a primary key, the `_fivetran_id` the harness computed.
   * Throws what fails the sync (a null primary key).
   */
  row(op: RowRecord["t"], table: string, shape: Shape, values: readonly WireCell[], schema?: string, id?: string): void {
    this.assertOpen();
    // A spill that failed ends the sync now, not at the next checkpoint, which may be millions of rows away.
    if (this.failure) throw this.failure;
    this.record(op, table, shape, values, schema, id);
  }

  /**
   * A promise to wait for before applying more, when DuckDB has fallen behind (a write running and two more
   * waiting); undefined otherwise. Without it, a connector faster than DuckDB would queue its rows in memory.
   */
  backlog(): Promise<void> | undefined {
    // Waiting for the oldest only: the rows read meanwhile become the next spill while DuckDB writes the one
    // after it, so neither side sits idle for long.
    return this.queue.length > 2 ? this.queue[0] : undefined;
  }

  /** The tables schema() declared; returns their number, the schema changes the SDK counts. */
  declare(tables: DeclaredTable[]): number {
    for (const t of tables) {
      const schema = t.dest ?? (t.schema === undefined ? SCHEMA : renameSchema(t.schema, SCHEMA));
      const name = t.name ?? renameTable(t.table);
      const named = t.column_names ?? {};
      for (const [c, r] of Object.entries(named)) this.columnNames.set(c, r);
      const declared: Columns = new Map();
      const sourceTypes = new Map<string, string>();
      // The SDK lists primary-key columns first, then the declared columns in their order.
      const order = [...(t.primary_key ?? [])];
      for (const c of Object.keys(t.columns ?? {})) if (!order.includes(c)) order.push(c);
      for (const col of order) {
        const def = t.columns?.[col];
        if (!def) continue;
        const kind = declaredDuckType(def.type, def.precision, def.scale);
        sourceTypes.set(col, def.type.toUpperCase());
        if (def.type.toUpperCase() === "DECIMAL" && kind !== `DECIMAL(${def.precision},${def.scale})`) {
          this.onWarning(
            `column ${col} of table ${t.table} is declared DECIMAL(${def.precision},${def.scale}), which is not a decimal: it is made ${kind}, and a value that does not fit becomes NULL`,
          );
        }
        if (kind && !declared.has(this.column(col))) declared.set(this.column(col), kind);
      }
      const key = (t.primary_key ?? []).map((c) => this.column(c));
      this.register(t.table, t.schema, new SyncTable(schema, name, declared, sourceTypes, key.length ? key : [FIVETRAN_ID], key.length === 0, true));
    }
    return tables.length;
  }

  private column(name: string): string {
    let r = this.columnNames.get(name);
    if (r === undefined) {
      r = renameColumn(name);
      this.columnNames.set(name, r);
    }
    return r;
  }

  private table(source: string, sourceSchema?: string): SyncTable {
    let t = sourceSchema === undefined ? this.tables.get(source) : this.schemaTables.get(sourceSchema)?.get(source);
    if (!t) {
      const given = this.tableNames.get(`${sourceSchema ?? ""}\0${source}`);
      const schema = given?.dest ?? (sourceSchema === undefined ? SCHEMA : renameSchema(sourceSchema, SCHEMA));
      const name = given?.name ?? renameTable(source);
      this.noteRename("table", schema, schema, name, source);
      t = new SyncTable(schema, name, new Map(), new Map(), [FIVETRAN_ID], true, false);
      this.register(source, sourceSchema, t);
    }
    return t;
  }

  private register(source: string, sourceSchema: string | undefined, t: SyncTable): void {
    t.source = source;
    if (sourceSchema === undefined) this.tables.set(source, t);
    else {
      let m = this.schemaTables.get(sourceSchema);
      if (!m) this.schemaTables.set(sourceSchema, (m = new Map<string, SyncTable>()));
      m.set(source, t);
    }
    this.all.push(t);
  }

  /** `scope`: where two names that rename alike are one (a schema for tables, a table for columns); `where` names it. */
  private noteRename(kind: "table" | "column", scope: string, where: string, renamed: string, source: string): void {
    const k = `${kind}\0${scope}\0${renamed}`;
    const known = this.renamedSeen.get(k);
    if (known === undefined) this.renamedSeen.set(k, source);
    else if (known !== source && !this.renamedSeen.has(`${k}\0${source}`)) {
      this.renamedSeen.set(`${k}\0${source}`, source);
      const effect = kind === "table" ? "their rows are written to one table" : "a row keeps only the value of the first";
      this.onWarning(`${kind}s '${known}' and '${source}' both become '${renamed}' in ${where}: ${effect}`);
    }
  }

  /** Operation times: microseconds, strictly increasing, so a truncate never meets a row of the same moment. */
  private nowUs(): number {
    // Microseconds since the epoch stay below 2^53 until the year 2255: plain numbers are exact. The SDK takes
    // datetime.now(), which has microseconds; Date.now() has only milliseconds.
    let us = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    if (us <= this.clockUs) us = this.clockUs + 1;
    this.clockUs = us;
    return us;
  }

  private now(): string {
    return this.timeText(this.nowUs());
  }

  /** The text of an operation time, as a TIMESTAMP WITH TIME ZONE literal. */
  private timeText(us: number): string {
    const second = Math.floor(us / 1_000_000);
    if (second !== this.clockSecond) {
      this.clockSecond = second;
      this.clockPrefix = new Date(second * 1000).toISOString().slice(0, 19);
    }
    return `${this.clockPrefix}.${String(us % 1_000_000).padStart(6, "0")}+00:00`;
  }

  private record(op: RowRecord["t"], source: string, shape: Shape, values: readonly WireCell[], sourceSchema?: string, id?: string): void {
    const table = this.table(source, sourceSchema);
    const batch = table.batch;
    const seen = batch.seen;
    const cols = shape.cols;
    const double = shape.double;
    // Sized for the columns known so far: the array is not grown cell by cell.
    const cells: Cells = new Array<Cells[number]>(table.columns.length);
    // What this row changed in `seen`, undone if the row is refused (a null key).
    let undo: [string, string | undefined][] | undefined;
    for (let n = 0; n < cols.length; n++) {
      const name = cols[n];
      let src = table.sources.get(name);
      if (src === undefined) src = this.sourceColumn(table, name, shape.names[n]);
      const i = src.index;
      // Of two source columns that rename alike, the row keeps the first.
      if (cells[i] !== undefined) continue;
      const wire = values[n];
      const cell: Cell = typeof wire === "string" ? wire : cellOf(wire, double !== undefined && double.includes(n));
      cells[i] = cell;
      // A declared column's type is its declaration; only the others are typed from their values.
      if (cell === null || src.typed) continue;
      const col = table.columns[i];
      const prev = seen.get(col);
      // JSON holds anything, and text holds anything but JSON: no need to look at the value.
      if (prev === "JSON" || (prev === "VARCHAR" && typeof cell === "string")) continue;
      // The type of booleans and integers is known without sniffing their text.
      let kind: string | null;
      if (typeof wire === "boolean") kind = "BOOLEAN";
      else if (typeof wire === "number" && Number.isInteger(wire)) kind = "BIGINT";
      else kind = cellType(cell);
      // Columns enter `seen` in row order: it decides the order of new columns.
      if (kind !== null && prev !== kind) {
        (undo ??= []).push([col, prev]);
        seen.set(col, prev === undefined ? kind : mergeTypes(prev, kind));
      }
    }
    if (table.hashedKey) {
      if (id === undefined) throw new ToolError("internal", `A row of ${table.schema}.${table.name}, a table without a primary key, came without its _fivetran_id.`);
      cells[table.idIndex] = id;
      const prev = seen.get(FIVETRAN_ID);
      if (prev !== "VARCHAR" && prev !== "JSON") {
        const kind = textType(id);
        if (kind && kind !== prev) {
          (undo ??= []).push([FIVETRAN_ID, prev]);
          seen.set(FIVETRAN_ID, prev === undefined ? kind : mergeTypes(prev, kind));
        }
      }
    }
    const keyIndex = table.keyIndex;
    for (let k = 0; k < keyIndex.length; k++) {
      if (cells[keyIndex[k]] == null) {
        if (undo) restoreSeen(seen, undo);
        throw new ToolError(
          "invalid_argument",
          `Null primary key found while syncing table ${table.schema}.${table.name}. Primary Key ${table.key[k]} is null in object.`,
          "Every upsert, update and delete must carry a value for each primary-key column.",
        );
      }
    }
    cells[table.deletedIndex] = op === "delete" ? "true" : "false";
    cells[table.syncedIndex] = this.nowUs();
    const key = keyIndex.length === 1 ? cellKey(cells[keyIndex[0]] as Cell) : keyIndex.map((i) => cellKey(cells[i] as Cell)).join("\u0000\u0001");
    if (op === "upsert") {
      // A key upserted before, other than by an upsert of this batch (which this one replaces in memory), has a
      // row in the table or on its way there.
      if (!table.upserted.add(key) && !batch.mayConflict && batch.pending.get(key)?.upsert !== true) batch.mayConflict = true;
      batch.pending.set(key, { upsert: true, cells });
      batch.hasUpserts = true;
    } else {
      const earlier = batch.pending.get(key);
      if (earlier) {
        const into = earlier.cells;
        for (let i = 0; i < cells.length; i++) if (cells[i] !== undefined) into[i] = cells[i];
      } else batch.pending.set(key, { upsert: false, cells });
    }
    if (++this.pendingRows >= this.spillRows) this.spill();
  }

  /** The first time a table meets a source column name: warn about a collision, index it. */
  private sourceColumn(table: SyncTable, name: string, col: string): SourceColumn {
    this.noteRename("column", cacheKey(table.schema, table.name), table.name, col, name);
    const src: SourceColumn = { index: table.columnIndex(col), typed: table.declared.has(col) };
    table.sources.set(name, src);
    return src;
  }

  // ------------------------------------------------------------------ checkpoint, rollback

  /**
   * Commits everything since the last checkpoint in one transaction, then writes `text` (the state as the SDK
   * keeps it, from the harness) to files/state.json atomically. The batch closes when this is called, so records applied while the returned promise is pending belong to the
   * next checkpoint: a caller may keep reading its input while DuckDB writes. Flushes run one after another.
   */
  checkpoint(text: string): Promise<void> {
    this.assertOpen();
    if (this.failure) return Promise.reject(this.failure);
    const batches = this.closeBatches();
    return this.enqueue(async () => {
      await this.flush(batches, true);
      // Security: written through the project layer (temporary file, then rename), never through a link.
      ConnectorProject.of(this.projectDir).writeFile(STATE_FILE, text);
    });
  }

  /** Forgets everything since the last checkpoint (after a checkpoint still being written has finished). */
  async rollback(): Promise<void> {
    await this.inflight;
    for (const t of this.all) t.clear();
    this.pendingRows = 0;
    if (this.txOpen) await this.abort();
  }

  /** Hands the rows recorded so far to DuckDB without committing them (see SPILL_ROWS). */
  private spill(): void {
    if (this.failure) return;
    const batches = this.closeBatches();
    // A failure is kept in this.failure: the next operation or checkpoint reports it.
    this.enqueue(() => this.flush(batches, false)).catch(() => {});
  }

  private closeBatches(): Map<SyncTable, Batch> {
    this.pendingRows = 0;
    const batches = new Map<SyncTable, Batch>();
    for (const t of this.all) batches.set(t, t.close());
    return batches;
  }

  /** Runs DuckDB work after the work queued before it, one at a time, counting what waits (see backlog()). */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.inflight.then(async () => {
      if (this.failure) throw this.failure;
      await work();
    });
    const settled = run.then(
      () => {},
      () => {},
    );
    this.queue.push(settled);
    // Settled promises leave the queue in order: each waits for the one before it.
    void settled.then(() => this.queue.shift());
    this.inflight = settled;
    return run;
  }

  /** Rolls back the open transaction, and with it the rows spilled since the last checkpoint and their DDL. */
  private async abort(): Promise<void> {
    this.txOpen = false;
    await this.conn.run("ROLLBACK").catch(() => {});
    // The rollback undid this transaction's CREATE and ALTER statements too.
    this.columnCache.clear();
    this.keyCache.clear();
    this.declaredCreated = false;
    this.touched.clear();
    this.staleFiles.clear();
    for (const t of this.all) t.txOrder = undefined;
  }

  /** Writes closed batches in the open transaction (beginning one if needed); `commit` ends it (a checkpoint). */
  private async flush(batches: Map<SyncTable, Batch>, commit: boolean): Promise<void> {
    const waiting = [...batches].filter(([, b]) => b.pending.size > 0 || b.truncateBefore);
    if (!waiting.length && this.declaredCreated) {
      for (const b of batches.values()) carrySeen(b);
      if (commit && this.txOpen) await this.commit();
      return;
    }
    const wrote = new Set<Batch>();
    if (!this.txOpen) {
      await this.conn.run("BEGIN TRANSACTION");
      this.txOpen = true;
    }
    try {
      for (const [t, b] of waiting) if (b.hasUpserts && (await this.write(t, b))) wrote.add(b);
      // The SDK creates the declared tables at its first flush, which is a checkpoint: a spill does not, or a
      // declared table would get its columns before the rows that bring them.
      if (commit && waiting.some(([t, b]) => t.isDeclared && b.hasUpserts)) await this.createMissingDeclared();
      for (const [t, b] of waiting) if (!b.hasUpserts && (await this.write(t, b))) wrote.add(b);
      if (commit) {
        if (!this.declaredCreated) await this.createMissingDeclared();
        this.declaredCreated = true;
        await this.commit();
      }
    } catch (e) {
      await this.abort();
      for (const t of this.all) t.clear();
      const message = (e as Error).message;
      this.failure =
        e instanceof ToolError
          ? e
          : new ToolError(
              "internal",
              // The database's own message, as the SDK reports it; the hint says it is the warehouse write.
              message,
              /Out of Memory/i.test(message)
                ? `The rows since the last checkpoint did not fit in DuckDB's ${DUCKDB_MEMORY_LIMIT} for a sync: call op.checkpoint(state) more often (every page or batch).`
                : "Writing to files/warehouse.db failed, so the data after the last checkpoint was not written; fix the values the connector sends, or run with reset=true after a schema change.",
            );
      throw this.failure;
    }
    // A table that could not be written yet (only updates, no table) keeps the types its values showed.
    for (const b of batches.values()) if (!wrote.has(b)) carrySeen(b);
  }

  private async commit(): Promise<void> {
    await this.conn.run("COMMIT");
    this.txOpen = false;
    this.touched.clear();
    // The rows are committed: a file that could not be looked up or removed stays, and the sync goes on.
    await this.removeStaleFiles().catch(() => {});
    for (const t of this.all) t.txOrder = undefined;
  }

  private async createMissingDeclared(): Promise<void> {
    for (const t of this.all) if (t.isDeclared) await this.createFromDeclaration(t);
  }

  private async createFromDeclaration(t: SyncTable): Promise<void> {
    if (!t.hashedKey && t.key.some((k) => !t.declared.has(k)) && (await this.columns(t.schema, t.name)).size === 0) return;
    const types: Columns = new Map([...t.declared, [FIVETRAN_SYNCED, TSTZ]]);
    await this.ensureTable(t.schema, t.name, types, t.hashedKey ? [] : t.key, !t.hashedKey);
  }

  private async write(t: SyncTable, b: Batch): Promise<boolean> {
    let existing = await this.columns(t.schema, t.name);
    // Before this sync's first write to the table, its rows are those of earlier syncs.
    t.emptyAtStart ??= existing.size === 0 || (await this.isEmpty(t.schema, t.name));
    if (this.txOpen && existing.size === 0 && b.hasUpserts) t.txOrder = [];
    if (t.txOrder) for (const c of b.seen.keys()) if (!t.txOrder.includes(c)) t.txOrder.push(c);
    let actual: Columns;
    if (b.hasUpserts) {
      const types: Columns = new Map(t.declared);
      if (t.hashedKey) types.set(FIVETRAN_ID, "VARCHAR");
      for (const [c, k] of b.seen) if (!types.has(c)) types.set(c, k);
      types.set(FIVETRAN_DELETED, "BOOLEAN");
      types.set(FIVETRAN_SYNCED, TSTZ);
      actual = await this.ensureTable(t.schema, t.name, types, t.key, t.isDeclared && !t.hashedKey);
    } else if (existing.size) {
      if (t.isDeclared) {
        await this.createFromDeclaration(t);
        existing = await this.columns(t.schema, t.name);
      }
      const grows = existing.has(FIVETRAN_DELETED);
      const wanted: Columns = new Map();
      for (const [c, k] of b.seen) if ((grows || existing.has(c)) && !t.declared.has(c) && !t.key.includes(c)) wanted.set(c, k);
      actual = wanted.size ? await this.ensureTable(t.schema, t.name, wanted, t.key) : existing;
    } else {
      return false;
    }
    if (t.txOrder) actual = await this.order(t, actual);
    const upserts: Cells[] = [];
    const updates: Cells[] = [];
    for (const p of b.pending.values()) {
      if (p.upsert) upserts.push(p.cells);
      else updates.push(p.blank ? blankToNull(p.cells, t.keyIndex) : p.cells);
    }
    // The rows are staged now; the batch's own map is no longer needed and can be collected during the SQL.
    b.pending = new Map();
    await this.upsertRows(t, actual, upserts, !b.mayConflict && t.emptyAtStart);
    await this.updateRows(t, actual, updates);
    if (b.truncateBefore) {
      if (!(await this.columns(t.schema, t.name)).has(FIVETRAN_DELETED)) await this.alter(t.schema, t.name, new Map(), [[FIVETRAN_DELETED, "BOOLEAN"]]);
      this.touched.add(cacheKey(t.schema, t.name));
      await this.conn.run(`UPDATE ${this.qualified(t.schema, t.name)} SET ${quote(FIVETRAN_DELETED)} = TRUE WHERE ${quote(FIVETRAN_SYNCED)} < '${b.truncateBefore}'::TIMESTAMPTZ`);
    }
    return true;
  }

  // ------------------------------------------------------------------ DuckDB

  private qualified(schema: string, table: string): string {
    return `${quote(schema)}.${quote(table)}`;
  }

  /** The columns of a table (empty when it does not exist); cached, since only this writer changes the file. */
  private async columns(schema: string, table: string): Promise<Columns> {
    const known = this.columnCache.get(cacheKey(schema, table));
    if (known) return known;
    const r = await this.conn.runAndReadAll("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position", [schema, table]);
    const columns: Columns = new Map(r.getRows().map((row) => [String(row[0]), String(row[1])]));
    this.columnCache.set(cacheKey(schema, table), columns);
    return columns;
  }

  private async isEmpty(schema: string, table: string): Promise<boolean> {
    const r = await this.conn.runAndReadAll(`SELECT 1 FROM ${this.qualified(schema, table)} LIMIT 1`);
    return r.getRows().length === 0;
  }

  private async primaryKey(schema: string, table: string): Promise<string[]> {
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
  private async ensureTable(schema: string, table: string, columns: Columns, key: string[], declaredKey = false): Promise<Columns> {
    const existing = await this.columns(schema, table);
    const target = this.qualified(schema, table);
    if (!existing.size) {
      if (!columns.size) return existing;
      const def = [...columns].map(([n, k]) => `${quote(n)} ${k}`).join(", ");
      const pk = key.length ? `, PRIMARY KEY (${key.map(quote).join(", ")})` : "";
      // tester exists from open(); a source schema's is made with its first table, inside this transaction.
      if (schema !== SCHEMA) await this.conn.run(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
      await this.ddl(schema, table, `CREATE TABLE ${target} (${def}${pk})`);
      return this.columns(schema, table);
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
  private async alter(schema: string, table: string, widened: Map<string, string>, adds: [string, string][]): Promise<void> {
    if (!widened.size && !adds.length) return;
    const target = this.qualified(schema, table);
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
    const target = this.qualified(schema, table);
    const rebuilt = this.qualified(schema, `${table}__rebuilt`);
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
   * A table created since the last checkpoint gets the column order that one write at the checkpoint would have
   * given it (declared columns, the key hash, the others as they came, then the system columns): a spill added
   * later columns at the end, so the table is rebuilt in that order. Its rows are only those of this transaction.
   */
  private async order(t: SyncTable, actual: Columns): Promise<Columns> {
    const system = [FIVETRAN_DELETED, FIVETRAN_SYNCED];
    const head = [...t.declared.keys(), ...(t.hashedKey ? [FIVETRAN_ID] : [])];
    const wanted = [...head, ...t.txOrder!.filter((c) => !head.includes(c) && !system.includes(c)), ...system].filter((c) => actual.has(c));
    for (const c of actual.keys()) if (!wanted.includes(c)) wanted.splice(wanted.length - system.filter((s) => actual.has(s)).length, 0, c);
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
    const target = this.qualified(schema, table);
    const cols = key.map(quote).join(", ");
    const nulls = key.map((k) => `${quote(k)} IS NULL`).join(" OR ");
    let reason = "";
    if ((await this.conn.runAndReadAll(`SELECT 1 FROM ${target} WHERE ${nulls} LIMIT 1`)).getRows().length) reason = "contains a null value";
    else if ((await this.conn.runAndReadAll(`SELECT 1 FROM ${target} GROUP BY ${cols} HAVING count(*) > 1 LIMIT 1`)).getRows().length) reason = "would create duplicate rows";
    if (reason) {
      throw new ToolError(
        "schema",
        `Primary key change for table ${schema}.${table} ${reason} under the new primary key [${key.map((k) => `'${k}'`).join(", ")}]. The existing rows cannot be fitted to a new primary key automatically.`,
        "Fix the values at the source, or run run_debug with reset=true.",
      );
    }
    const types = [...existing].map(([n, k]): [string, string] => [n, widened.get(n) ?? k]);
    const select = [...existing].map(([n, k]) => (widened.has(n) && widened.get(n) !== k ? converted(k, widened.get(n)!, n) : quote(n)));
    await this.replace(schema, table, types, select, key);
  }

  /**
   * Loads rows into a temporary table and returns a FROM item that reads them typed like the target. Columns of
   * the common types (NATIVE_KINDS) are appended as native values in data chunks; the others, and a native column
   * that meets a value only the general path handles, are loaded as text and CAST, as the SDK's core does. Empties
   * `rows` once they are loaded.
   */
  private async stage(t: SyncTable, columns: string[], types: Columns, rows: Cells[], asText?: number): Promise<{ from: string; drop: string }> {
    const kinds = columns.map((c) => types.get(c)!);
    const at = columns.map((c) => t.index.get(c) ?? -1);
    const native = kinds.map((k, i) => NATIVE_KINDS.has(k) && i !== asText);
    for (;;) {
      const name = `stage_${++this.stageSeq}`;
      await this.conn.run(`CREATE TEMP TABLE ${name} (${columns.map((c, i) => `${quote(c)} ${native[i] ? kinds[i] : "VARCHAR"}`).join(", ")})`);
      const misfit = await this.fill({ table: name, schema: "main", catalog: "temp" }, kinds, at, native, rows);
      if (misfit < 0) {
        // The rows are in DuckDB now: let go of them (the caller's array) before the statements that read them.
        rows.length = 0;
        const select = columns.map((c, i) => (native[i] ? quote(c) : `${castExpr(c, kinds[i])} AS ${quote(c)}`)).join(", ");
        return { from: `(SELECT ${select} FROM ${name})`, drop: name };
      }
      await this.conn.run(`DROP TABLE ${name}`);
      native[misfit] = false;
    }
  }

  /**
   * Appends the rows in chunks; returns -1, or the index of a native column that met a value it cannot take. Then
   * nothing was appended: DuckDB's appender keeps what it was given until it is flushed, which happens only at the
   * end here or past 204,800 rows (DIRECT_MAX_ROWS keeps a direct append below that).
   */
  private async fill(into: { table: string; schema: string; catalog?: string }, kinds: string[], at: number[], native: boolean[], rows: Cells[]): Promise<number> {
    const appender = await this.conn.createAppender(into.table, into.schema, into.catalog);
    try {
      const chunkTypes = kinds.map((k, i) => (native[i] ? DUCK_TYPES[k] : VARCHAR));
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
            const tz = kind === TSTZ;
            for (let r = 0; r < n; r++) {
              const cell = col < 0 ? undefined : rows[from + r][col];
              const v = cell === undefined ? null : nativeValue(cell, kind as NativeKind);
              if (v === MISFIT) {
                appender.clear();
                return i;
              }
              vector.setItem(r, tz && v !== null ? new DuckDBTimestampTZValue(v as bigint) : v);
            }
          } else {
            for (let r = 0; r < n; r++) {
              const cell = col < 0 ? undefined : rows[from + r][col];
              vector.setItem(r, cell === undefined ? null : typeof cell === "number" ? this.timeText(cell) : stageText(cell, kind));
            }
          }
          vector.flush();
        }
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return -1;
  }

  /**
   * Writes upserted rows. `fresh`: none of their keys can be in the table (it was empty when the sync began and no
   * earlier batch of the sync upserted them). Then rows whose columns all load natively or as text are appended
   * straight into the table; otherwise they go through a staging table and INSERT ... ON CONFLICT. Both give the
   * table the same values (the appended ones are those the staging table would hold); the direct append skips a
   * copy of the rows and the conflict checks (about a fifth of a sync's CPU, scripts/bench/sync.mjs).
   */
  private async upsertRows(t: SyncTable, types: Columns, rows: Cells[], fresh: boolean): Promise<void> {
    if (!rows.length) return;
    const { schema, name: table, key } = t;
    const columns = [...types.keys()];
    this.touched.add(cacheKey(schema, table));
    let asText: number | undefined;
    const kinds = columns.map((c) => types.get(c)!);
    if (fresh && this.direct && rows.length <= DIRECT_MAX_ROWS && kinds.every((k) => NATIVE_KINDS.has(k) || k === "VARCHAR")) {
      const at = columns.map((c) => t.index.get(c) ?? -1);
      const misfit = await this.fill(
        { table, schema },
        kinds,
        at,
        kinds.map((k) => NATIVE_KINDS.has(k)),
        rows,
      );
      if (misfit < 0) {
        rows.length = 0;
        return;
      }
      // A value the column's native type does not take as it is (a timestamp with a fraction, say): that column
      // is loaded as text and CAST, which needs the staging table.
      asText = misfit;
    }
    const { from: staged, drop } = await this.stage(t, columns, types, rows, asText);
    const names = columns.map(quote).join(", ");
    const target = this.qualified(schema, table);
    const keys = key.map(quote).join(", ");
    if (columns.includes(FILE_PATH)) await this.noteReplacedFiles(t, staged);
    if (sameSet(await this.primaryKey(schema, table), key)) {
      const set = columns
        .filter((c) => !key.includes(c))
        .map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`)
        .join(", ");
      await this.conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${staged} ON CONFLICT (${keys}) ${set ? `DO UPDATE SET ${set}` : "DO NOTHING"}`);
    } else {
      // A table created without a key (its first rows came later) has nothing to conflict on.
      await this.conn.run(`DELETE FROM ${target} WHERE (${keys}) IN (SELECT ${keys} FROM ${staged})`);
      await this.conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${staged}`);
    }
    await this.conn.run(`DROP TABLE ${drop}`);
  }

  private async updateRows(t: SyncTable, types: Columns, rows: Cells[]): Promise<void> {
    const { schema, name: table, key } = t;
    if (!rows.length || key.some((k) => !types.has(k))) return;
    const groups = new Map<string, { columns: string[]; rows: Cells[] }>();
    const at = [...types.keys()].map((c) => [c, t.index.get(c) ?? -1] as const);
    for (const row of rows) {
      const columns = at.filter(([, i]) => i >= 0 && row[i] !== undefined).map(([c]) => c);
      const id = columns.join("\0");
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { columns, rows: [] }));
      g.rows.push(row);
    }
    const target = this.qualified(schema, table);
    this.touched.add(cacheKey(schema, table));
    for (const { columns, rows: group } of groups.values()) {
      if (columns.every((c) => key.includes(c))) continue;
      const { from: staged, drop } = await this.stage(t, columns, types, group);
      if (columns.includes(FILE_PATH)) await this.noteReplacedFiles(t, staged);
      const set = columns
        .filter((c) => !key.includes(c))
        .map((c) => `${quote(c)} = s.${quote(c)}`)
        .join(", ");
      const match = key.map((k) => `${target}.${quote(k)} = s.${quote(k)}`).join(" AND ");
      await this.conn.run(`UPDATE ${target} SET ${set} FROM ${staged} s WHERE ${match}`);
      await this.conn.run(`DROP TABLE ${drop}`);
    }
  }

  // ------------------------------------------------------------------ stored files

  /**
   * Before rows are written: the stored-file paths that the rows about to be written stop naming (another path,
   * or none). After the commit, a path no row names any more is deleted, as the SDK's core does; a delete of a
   * row keeps its file (it does not write the column).
   */
  private async noteReplacedFiles(t: SyncTable, staged: string): Promise<void> {
    const target = this.qualified(t.schema, t.name);
    const on = t.key.map((k) => `t.${quote(k)} = s.${quote(k)}`).join(" AND ");
    const r = await this.conn.runAndReadAll(
      `SELECT DISTINCT t.${quote(FILE_PATH)} FROM ${target} t JOIN ${staged} s ON ${on} WHERE t.${quote(FILE_PATH)} IS NOT NULL AND t.${quote(FILE_PATH)} IS DISTINCT FROM s.${quote(FILE_PATH)}`,
    );
    const rows = r.getRows();
    if (!rows.length) return;
    let paths = this.staleFiles.get(t);
    if (!paths) this.staleFiles.set(t, (paths = new Set()));
    for (const [p] of rows) paths.add(String(p));
  }

  private async removeStaleFiles(): Promise<void> {
    if (!this.staleFiles.size) return;
    const stale = [...this.staleFiles];
    this.staleFiles.clear();
    const storage = join(filesDir(this.projectDir), "storage");
    for (const [t, paths] of stale) {
      for (const path of paths) {
        const r = await this.conn.runAndReadAll(`SELECT 1 FROM ${this.qualified(t.schema, t.name)} WHERE ${quote(FILE_PATH)} = $1 LIMIT 1`, [path]);
        if (r.getRows().length) continue;
        const file = storedFile(storage, t.schema, t.source, path);
        if (!file) continue;
        try {
          // Security: removed through the project layer, so a link under files/storage cannot point the delete outside.
          const project = ConnectorProject.of(this.projectDir);
          project.remove(project.relative(file));
          removeEmptyFolders(dirname(file), filesDir(this.projectDir));
        } catch {
          // A file that cannot be removed stays: the sync's data is committed either way.
        }
      }
    }
  }

  // ------------------------------------------------------------------ reading, closing

  /**
   * Rows per destination table, committed data only. Tables of tester by name; those of a source schema as
   * `tester_<schema>.<table>`, the name query_warehouse reads them by (renamed names hold no dot, so no clash).
   */
  async rowsPerTable(): Promise<Record<string, number>> {
    this.assertOpen();
    await this.inflight;
    if (!this.txOpen) return countRows(this.conn);
    // This connection would see the rows spilled since the last checkpoint; a new one sees committed data only.
    const conn = await this.instance.connect();
    try {
      return await countRows(conn);
    } finally {
      conn.closeSync();
    }
  }

  /** Closes the file; what was not checkpointed is dropped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.rollback();
    try {
      await this.conn.run("CHECKPOINT").catch(() => {});
      this.conn.closeSync();
    } finally {
      this.instance.closeSync();
      releaseWriterInstance(warehousePath(this.projectDir), this.instance);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ToolError("internal", "The warehouse writer is closed.", "Open a new WarehouseWriter.");
  }
}

/** The schemas a sync writes: tester and the tester_<source schema> ones. */
async function syncSchemas(conn: DuckDBConnection): Promise<string[]> {
  const r = await conn.runAndReadAll(
    "SELECT schema_name FROM information_schema.schemata WHERE catalog_name = current_database() AND (schema_name = $1 OR starts_with(schema_name, $2)) ORDER BY schema_name",
    [SCHEMA, `${SCHEMA}_`],
  );
  return r.getRows().map((row) => String(row[0]));
}

/** Committed rows per table of the sync's schemas, keyed as rowsPerTable() documents. */
export async function countRows(conn: DuckDBConnection): Promise<Record<string, number>> {
  const tables = await conn.runAndReadAll(
    "SELECT table_schema, table_name FROM information_schema.tables WHERE table_catalog = current_database() AND (table_schema = $1 OR starts_with(table_schema, $2)) ORDER BY table_schema <> $1, table_schema, table_name",
    [SCHEMA, `${SCHEMA}_`],
  );
  const out: Record<string, number> = {};
  for (const [schema, name] of tables.getRows()) {
    const r = await conn.runAndReadAll(`SELECT count(*) FROM ${quote(String(schema))}.${quote(String(name))}`);
    out[schema === SCHEMA ? String(name) : `${String(schema)}.${String(name)}`] = Number(r.getRows()[0][0]);
  }
  return out;
}

/**
 * Where the harness stored an upload (src/runner/harness/fivetran_connector_sdk/_files.py resolve()): each
 * component of schema, table and path is a folder, `..` and `.` escaped; undefined if it would leave `storage`.
 */
function storedFile(storage: string, schema: string, table: string, path: string): string | undefined {
  let out = storage;
  for (const raw of [schema, table, path]) {
    for (const part of raw.replaceAll("\\", "/").split("/")) {
      if (part) out = join(out, part === ".." ? "__dotdot__" : part === "." ? "__dot__" : part);
    }
  }
  const rel = relative(storage, out);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? out : undefined;
}

/** Removes `dir` and its parents while they are empty, up to (not including) `stop`. */
function removeEmptyFolders(dir: string, stop: string): void {
  for (let d = dir; d.startsWith(stop + sep) && d !== stop; d = dirname(d)) {
    if (readdirSync(d).length) return;
    rmdirSync(d);
  }
}

function cacheKey(schema: string, table: string): string {
  return `${schema}\0${table}`;
}

/**
 * A key cell as a map key. Text is used as it is (no copy per row): cells never hold a NUL, so the other kinds,
 * which start with one, cannot meet text; JSON text counts as text.
 */
function cellKey(cell: Cell): string {
  if (typeof cell === "string") return cell;
  if (cell === null) return "\0n";
  if (Buffer.isBuffer(cell)) return `\0b${cell.toString("base64")}`;
  if (cell instanceof FloatCell) return `\0f${cell.value}`;
  return cell.text;
}

/**
 * The keys a sync has upserted: it grows with the rows of the whole sync, so integer keys, the most common, are
 * kept as numbers (about a third of the memory of their text in a Set); the text of any other key as it is.
 */
export class KeySet {
  /** Non-negative integer keys below MAX_BIT, one bit each: ids are mostly dense, and a bit costs no GC. */
  private bits = new Uint8Array(1024);
  private readonly numbers = new Set<number>();
  private readonly texts = new Set<string>();
  /** Adds a key; returns false when it was already there. */
  add(key: string): boolean {
    const n = asInteger(key);
    if (n === undefined) return grew(this.texts, key);
    if (n >= 0 && n < MAX_BIT) {
      const byte = n >>> 3;
      if (byte >= this.bits.length) this.grow(byte);
      const bit = 1 << (n & 7);
      if (this.bits[byte] & bit) return false;
      this.bits[byte] |= bit;
      return true;
    }
    return grew(this.numbers, n);
  }
  has(key: string): boolean {
    const n = asInteger(key);
    if (n === undefined) return this.texts.has(key);
    if (n >= 0 && n < MAX_BIT) {
      const byte = n >>> 3;
      return byte < this.bits.length && (this.bits[byte] & (1 << (n & 7))) !== 0;
    }
    return this.numbers.has(n);
  }
  private grow(byte: number): void {
    let size = this.bits.length;
    while (size <= byte) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.bits);
    this.bits = bigger;
  }
}

/** Adds x to the set; false when it was there already. */
function grew<T>(set: Set<T>, x: T): boolean {
  const size = set.size;
  return set.add(x).size > size;
}

/** Keys from 0 to 2^27 - 1 go to the bitmap (16 MB at most); others, sparse or negative, to a Set. */
const MAX_BIT = 2 ** 27;

/** The number a key's text is the canonical decimal form of (so no two texts share one), if it is a safe integer. */
function asInteger(key: string): number | undefined {
  const len = key.length;
  if (len === 0 || len > 15) return undefined;
  const first = key.charCodeAt(0);
  // "-0", leading zeros and "+" are not canonical: String(Number(x)) would not give them back.
  if (first === 48) return len === 1 ? 0 : undefined;
  let i = first === 45 ? 1 : 0;
  if (i === 1 && (len === 1 || key.charCodeAt(1) === 48)) return undefined;
  for (; i < len; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(key);
}

/** An update of a row this sync has not upserted writes "" as NULL, as the SDK's core does (the key stays). */
function blankToNull(row: Cells, key: number[]): Cells {
  let out: Cells | undefined;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === "" && !key.includes(i)) {
      out ??= row.slice();
      out[i] = null;
    }
  }
  return out ?? row;
}

function restoreSeen(seen: Map<string, string>, undo: [string, string | undefined][]): void {
  for (let u = undo.length - 1; u >= 0; u--) {
    const [col, prev] = undo[u];
    if (prev === undefined) seen.delete(col);
    else seen.set(col, prev);
  }
}

/** Hands the column types of a batch that was not written on to the batch after it, before its own. */
function carrySeen(b: Batch): void {
  if (!b.seen.size || !b.next) return;
  const merged = new Map(b.seen);
  for (const [c, k] of b.next.seen) {
    const prev = merged.get(c);
    merged.set(c, prev === undefined ? k : mergeTypes(prev, k));
  }
  b.next.seen = merged;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function castExpr(column: string, kind: string): string {
  if (kind === "BLOB") return `from_base64(${quote(column)})`;
  if (kind.startsWith("TIMESTAMP")) return `CAST(replace(${quote(column)}, 't', 'T') AS ${kind})`;
  return `CAST(${quote(column)} AS ${kind})`;
}

/** How the values of a column become its wider type. */
function converted(old: string, wider: string, column: string): string {
  const name = quote(column);
  if (wider === "VARCHAR") return old === "BLOB" ? `to_base64(${name})` : `CAST(${name} AS VARCHAR)`;
  if (wider === "JSON") return old === "BLOB" ? `to_json(to_base64(${name}))` : `to_json(${name})`;
  return `CAST(${name} AS ${wider})`;
}
