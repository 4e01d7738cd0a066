import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { learnPythonDigits, StagedValueError } from "./cells.js";
import { ToolError } from "../errors.js";
import type { ChannelRecord, DeclaredTable, Naming, RowRecord, Shape, WireCell } from "../protocol.js";
import { ConnectorProject } from "../workspace/project.js";
import { FILES_DIR, METADATA_TABLE, SCHEMA, STATE_FILE, WAREHOUSE_FILE, warehousePath } from "./files.js";
import { quote } from "./names.js";
import { CANNOT_OPEN, openWriterInstance, releaseWriterInstance } from "./registry.js";
import { RowWriter } from "./writer/apply.js";
import { blankToNull, carrySeen, Batch, type Cells, type Columns, type SyncTable } from "./writer/batch.js";
import { TableSchemas } from "./writer/ddl.js";
import { Journal, type Segment } from "./writer/journal.js";
import { EarlyCells } from "./writer/early.js";
import { earlyWriteRemedy, sourceName } from "./writer/hints.js";
import { Loader } from "./writer/load.js";
import { recordRow } from "./writer/record.js";
import { StoredFiles } from "./writer/stored-files.js";
import { Clock, CountingClock, FIVETRAN_DELETED, FIVETRAN_ID, FIVETRAN_SYNCED, TSTZ } from "./writer/system.js";
import { TableRegistry } from "./writer/tables.js";

// The warehouse writer's entry point: the sink the runner writes a sync into. Its parts, by concern, are under
// writer/: the tables of a sync and their names (tables.ts), a row recorded into its table's batch (record.ts,
// batch.ts), key sets and keys cast to their column's type (keys.ts), system columns and their clock (system.ts),
// table definitions and schema evolution (ddl.ts), loading rows into DuckDB (load.ts), the upsert/update/truncate
// SQL (apply.ts), uploaded files (stored-files.ts), early cells a widening reads as sent (early.ts) and the records a
// checkpoint is written again from (journal.ts). This file holds the transaction: spills, checkpoints, replay,
// rollback and failure.

/**
 * DuckDB's errors about a value of the rows being written (a CAST that fails, a number out of its type's range):
 * those an early write may meet where the SDK's one write of the checkpoint, in the final types, does not.
 */
const REFUSED_VALUE = /^(Conversion|Invalid Input|Out of Range) Error/;

/** Errors a COMMIT raised: after one, the SDK reports its failing rollback's error instead (407). */
const COMMIT_FAILED = new WeakSet<Error>();
export { KeySet } from "./writer/keys.js";

/**
 * Operations held in memory before they are written to DuckDB inside the transaction that the next checkpoint
 * commits. A connector that checkpoints once, at the end of millions of rows, then costs this many rows of memory
 * instead of all of them. Measured with scripts/bench/sync.mjs (200,000 new rows, appended straight in): 4,096,
 * 8,192 and 16,384 took the same time, but V8's heap grew with the rows at 8,192 and above (rows that live through
 * a young-generation collection are promoted and die in the old one): peak 49 MB at 4,096, 97 MB at 16,384. Rows
 * that go through a staging table (keys already in the table) paid about a tenth more time at 4,096.
 */
export const SPILL_ROWS = 4_096;
export interface WriterOptions {
  /** Drop the warehouse and the state first (like `fivetran reset`). */
  reset?: boolean;
  /** Warnings the SDK would log (renaming collisions, clamped decimals). */
  onWarning?: (message: string) => void;
  /** Operations held in memory before they are written early (default SPILL_ROWS; tests use small numbers). */
  spillRows?: number;
  /** Append rows of new keys straight into their table (default true; tests compare with false). */
  directAppend?: boolean;
  /** Characters of one transaction's records kept to write it again (default JOURNAL_LIMIT_CHARS; tests use less). */
  journalChars?: number;
  /** Updates and deletes of a table held back from early writes until the checkpoint (default SPILL_ROWS). */
  holdUpdates?: number;
  /** DuckDB's memory limit for the sync, e.g. "256MB" (default: DuckDB's own, as under the SDK; see open()). */
  memoryLimit?: string;
  /**
   * The naming strategy asked for (`fivetran debug --naming`; default fivetran). A warehouse keeps the one it was
   * first made with, as the SDK's does: see sourceNaming.
   */
  naming?: Naming;
}

/** The SDK's warning when the warehouse's naming strategy is not the one asked for (it keeps its own). */
export const NAMING_IGNORED = "ignored --naming flag; naming strategy cannot be changed after connection creation";

/**
 * files/warehouse.db with the semantics of SDK 3.0's `fivetran debug` (docs/warehouse.md): rows wait in memory,
 * keyed by primary key, until a checkpoint writes them through a staging table, commits, and then saves the
 * state. Past SPILL_ROWS operations the rows are written early, into a transaction that stays open until the next
 * checkpoint commits it, so memory does not grow with the rows of a checkpoint. A failure rolls back to the last
 * checkpoint.
 */
export class WarehouseWriter {
  private readonly registry: TableRegistry;
  private readonly clock = new Clock();
  private readonly schemas: TableSchemas;
  private readonly files: StoredFiles;
  private readonly rows: RowWriter;
  private readonly loader: Loader;
  private readonly early: EarlyCells;
  /** The first `_fivetran_synced` time of the operations recorded since the last checkpoint (see EarlyCells.txStart). */
  private recordingSince: number;
  private declaredCreated = false;
  /** Tables whose lost "" (SyncTable.lostBlank) the run was told of: once per table. */
  private readonly blankWarned = new Set<SyncTable>();
  /** Tables whose key column changed type after an early write: warned once a sync (noteKeyWidening). */
  private readonly keyWarned = new Set<SyncTable>();
  private closed = false;
  /** The checkpoint being written, if any; later checkpoints, rollback and close wait for it. */
  private inflight: Promise<void> = Promise.resolve();
  /** A flush that failed: the sync cannot go on, and every later checkpoint reports this error. */
  private failure: ToolError | undefined;
  /**
   * An early write DuckDB refused for a value it held (text typed from the rows so far that DuckDB cannot CAST, such
   * as digits of another script, which Python reads). The SDK writes a checkpoint once, in the types of all its
   * rows: a later row may make the column text, and then nothing fails, or the write fails at the checkpoint, with
   * every operation before it counted. So the sync goes on, nothing more of the transaction is written early, and
   * its checkpoint writes it once from its journal (rewrite()), where it fails, or not, as the SDK's write does.
   */
  private earlyRefused: ToolError | undefined;
  /** Operations recorded since rows were last handed to DuckDB. */
  private pendingRows = 0;
  /** A transaction holds rows written before their checkpoint (a spill); the next checkpoint commits it. */
  private txOpen = false;
  /** Spills and checkpoints handed to DuckDB and not finished yet, oldest first. */
  private readonly queue: Promise<void>[] = [];
  /** The records of the open transaction, to write it again from (replay()). */
  private readonly records: Journal;
  /** Each row shape the runner's channel declared, by id: the journal's rows name theirs by id. */
  private readonly shapes: Shape[] = [];
  /**
   * Set when the open transaction wrote rows early in a type their column no longer has (a key column's, or FLOAT
   * widened to DOUBLE): its checkpoint writes it again from the journal (replay()); the warnings it chains say what
   * differs when the transaction was too large for that.
   */
  private replayWanted: (() => void) | undefined;
  /** While a transaction is written again: the final column types of its tables. */
  private hints: Map<SyncTable, Columns> | undefined;
  /** While a transaction is written again: settles when it is done; rows recorded meanwhile wait in `deferred`. */
  private replaying: Promise<void> | undefined;
  private readonly deferred: (() => void)[] = [];

  private constructor(
    readonly projectDir: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly onWarning: (m: string) => void,
    private readonly spillRows: number,
    direct: boolean,
    journalChars: number | undefined,
    /** See WriterOptions.holdUpdates. */
    private readonly holdUpdates: number,
    /**
     * The warehouse keeps the source's names (it was made with `fivetran debug --naming source`): the harness then
     * renames nothing. Its rows come named already either way.
     */
    readonly sourceNaming: boolean,
  ) {
    this.records = new Journal(journalChars);
    this.registry = new TableRegistry(onWarning);
    this.schemas = new TableSchemas(conn);
    this.files = new StoredFiles(conn, projectDir);
    this.loader = new Loader(conn, (us) => this.clock.timeText(us), this.registry.digits);
    this.rows = new RowWriter(conn, this.schemas, this.loader, this.files, direct);
    this.early = new EarlyCells(conn, this.loader, (m) => this.wantReplay(() => onWarning(m)), spillRows, this.registry.digits);
    this.recordingSince = this.clock.nowUs();
  }

  static async open(projectDir: string, opts: WriterOptions = {}): Promise<WarehouseWriter> {
    // Security: files/ is created through the project layer, and the database and its .wal are checked to be regular
    // files inside the folder right before DuckDB opens them (src/warehouse/pin.ts closes the race that leaves, but for a swap and swap back inside DuckDB's open).
    const project = ConnectorProject.of(projectDir);
    project.mkdir(FILES_DIR);
    if (project.isFolder(WAREHOUSE_FILE)) {
      // A folder at its name (what `docker run -v` makes of a host file that did not exist): DuckDB's own words, as
      // `fivetran debug` gets them when it opens the warehouse, before schema() (the runner fails the sync, 581).
      throw new ToolError(
        "internal",
        `${CANNOT_OPEN}IO Error: Could not read from file "${join(project.root, WAREHOUSE_FILE)}": Is a directory`,
        "Remove the folder files/warehouse.db: the next run creates the database there.",
        WAREHOUSE_FILE,
      );
    }
    const dbPath = warehousePath(project);
    const instance = await openWriterInstance(dbPath);
    let conn: DuckDBConnection | undefined;
    let sourceNaming = false;
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
      // DuckDB's memory limit stays its default (80% of the machine's memory), the SDK's: its DuckDB sets none. A
      // lower one made syncs the SDK completes fail. DuckDB holds what a transaction changed in each table until it
      // ends, and 50 tables of 50 columns updated in one checkpoint came to more than 256 MB (fidelity connector
      // 298: 1.1 GB under the SDK). Past the limit, rows written early but not yet committed (see SPILL_ROWS) move
      // to files/warehouse.db.tmp. With one checkpoint at the end, 256 MB had bought nothing measurable: 800,000
      // rows of the bench's shapes peaked at 255-298 MB either way (scripts/bench/sync.mjs shapes).
      if (opts.memoryLimit !== undefined) await conn.run(`SET GLOBAL memory_limit = '${opts.memoryLimit.replace(/'/g, "")}'`);
      await conn.run("SET GLOBAL lock_configuration = true");
      if (opts.reset) {
        for (const schema of await syncSchemas(conn)) await conn.run(`DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`);
        await conn.run(`DROP TABLE IF EXISTS main.${quote(METADATA_TABLE)}`);
        project.remove(STATE_FILE);
      }
      await conn.run(`CREATE SCHEMA IF NOT EXISTS ${quote(SCHEMA)}`);
      await conn.run(`CREATE TABLE IF NOT EXISTS main.${quote(METADATA_TABLE)} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
      // As the SDK: the naming strategy asked for is stored if the file has none yet, and the stored one is used.
      const wanted = opts.naming === "source" ? "SOURCE_NAMING" : "FIVETRAN_NAMING";
      await conn.run(`INSERT INTO main.${quote(METADATA_TABLE)} VALUES ('naming_strategy', '${wanted}') ON CONFLICT DO NOTHING`);
      const stored = (await conn.runAndReadAll(`SELECT value FROM main.${quote(METADATA_TABLE)} WHERE key = 'naming_strategy'`)).getRows()[0]?.[0];
      if (stored !== wanted) opts.onWarning?.(NAMING_IGNORED);
      sourceNaming = stored === "SOURCE_NAMING";
      if (opts.reset) await conn.run("CHECKPOINT");
    } catch (e) {
      conn?.closeSync();
      instance.closeSync();
      releaseWriterInstance(dbPath, instance);
      throw e;
    }
    return new WarehouseWriter(
      projectDir,
      instance,
      conn,
      opts.onWarning ?? (() => {}),
      Math.max(1, opts.spillRows ?? SPILL_ROWS),
      opts.directAppend ?? true,
      opts.journalChars,
      Math.max(0, opts.holdUpdates ?? SPILL_ROWS),
      sourceNaming,
    );
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
    this.assertOpen();
    this.records.add(JSON.stringify(rec));
    const [shape, values, id] = this.objectRow(rec);
    this.row(rec.t, rec.table, shape, values, rec.schema, id);
  }

  /** A row given as an object: its shape, its cells by position, and its `_fivetran_id`. */
  private objectRow(rec: RowRecord): [Shape, WireCell[], string] {
    const shape = this.registry.shapeOf(rec);
    const values = Object.values(rec.data);
    // A row that did not come from the harness (a test, a tool) and names no `_fivetran_id` gets one of its own, a
    // hash of its names and cells; the harness always sends the SDK's.
    const id =
      rec.id ??
      createHash("sha1")
        .update(JSON.stringify([shape.names, values]))
        .digest("base64");
    return [shape, values, id];
  }

  /**
   * A record of the runner's channel, as its line, before it is applied: the rows of the open transaction are kept
   * to write it again from (replay()), and shapes to read them by.
   */
  journal(rec: ChannelRecord, line: string): void {
    if (rec.t === "shape") this.shapes[rec.id] = rec;
    else if (rec.t === "rows" || rec.t === "upsert" || rec.t === "update" || rec.t === "delete") this.records.add(line);
  }

  /** The destination names of a source table, as the harness renamed them; before the table's first record. */
  /** Which characters past ASCII the connector's Python reads as decimal digits (a `digits` record; cells.ts). */
  learnDigits(digits: unknown): void {
    learnPythonDigits(this.registry.digits, digits);
  }

  nameTable(source: string, sourceSchema: string | undefined, name: string, dest: string): void {
    this.registry.nameTable(source, sourceSchema, name, dest);
  }

  /** A truncate: the rows synced before now are deleted at the next write. */
  truncate(source: string, sourceSchema?: string): void {
    this.assertOpen();
    // Journaled once, when it comes: applied later (after a replay), it keeps its place before the rows after it.
    this.records.add(JSON.stringify({ t: "truncate", table: source, schema: sourceSchema }));
    const apply = () => {
      this.registry.table(source, sourceSchema).batch.truncateBefore = this.clock.now();
    };
    if (this.replaying) this.deferred.push(apply);
    else apply();
  }

  /**
   * An upsert, update or delete, applied at once without a promise (the per-row path of a sync): its cells by
   * position of `shape`'s columns, and, for a table without a primary key, the `_fivetran_id` the harness computed.
   * Throws what fails the sync (a null primary key).
   */
  row(op: RowRecord["t"], table: string, shape: Shape, values: readonly WireCell[], schema?: string, id?: string): void {
    this.assertOpen();
    // A transaction that outgrew its journal cannot be written once at its checkpoint: a refused early write then
    // ends the sync now, as any other failed early write does, rather than holding rows in memory without end.
    if (this.earlyRefused && !this.records.complete()) this.failure ??= this.earlyRefused;
    // A spill that failed ends the sync now, not at the next checkpoint, which may be millions of rows away.
    if (this.failure) throw this.failure;
    if (this.replaying) {
      this.deferred.push(() => this.row(op, table, shape, values, schema, id));
      return;
    }
    recordRow(this.registry, this.registry.table(table, schema), op, shape, values, id, this.clock);
    if (++this.pendingRows >= this.spillRows) this.spill();
  }

  /**
   * A promise to wait for before applying more, when DuckDB has fallen behind (a write running and two more
   * waiting); undefined otherwise. Without it, a connector faster than DuckDB would queue its rows in memory.
   */
  backlog(): Promise<void> | undefined {
    // Waiting for the oldest only: the rows read meanwhile become the next spill while DuckDB writes the one
    // after it, so neither side sits idle for long.
    return this.replaying ?? (this.queue.length > 2 ? this.queue[0] : undefined);
  }

  declare(tables: DeclaredTable[]): number {
    return this.registry.declare(tables);
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
    for (const t of this.registry.all) t.cut();
    const segment = this.records.cut();
    const since = this.recordingSince;
    this.recordingSince = this.clock.nowUs();
    return this.enqueue(async () => {
      try {
        if (this.earlyRefused) await this.rewrite(segment, since);
        else if (this.txOpen && this.sharedDestination(batches)) await this.rewriteShared(segment, since, batches);
        else await this.flush(batches, true, since, segment);
      } finally {
        segment.dispose();
      }
      // Security: written through the project layer (temporary file, then rename). As the SDK's checkpoint writes it
      // (mkstemp, then os.replace): mode 0600, and a link at files/state.json is replaced, not written through (467).
      ConnectorProject.of(this.projectDir).writeFile(STATE_FILE, text, { mode: 0o600, replaceName: true });
    });
  }

  /** Forgets everything since the last checkpoint (after a checkpoint still being written has finished). */
  async rollback(): Promise<void> {
    await this.inflight;
    this.earlyRefused = undefined;
    for (const t of this.registry.all) t.clear();
    this.pendingRows = 0;
    this.recordingSince = this.clock.nowUs();
    this.records.cut().dispose();
    if (this.txOpen) await this.abort();
  }

  /** Hands the rows recorded so far to DuckDB without committing them (see SPILL_ROWS). */
  private spill(): void {
    if (this.failure || this.earlyRefused) return;
    const batches = this.closeBatches(true);
    const since = this.recordingSince;
    // A failure is kept in this.failure: the next operation or checkpoint reports it. A spill queued behind one DuckDB
    // refused (earlyRefused) is dropped: its checkpoint writes the transaction again from the journal.
    this.enqueue(() => (this.earlyRefused ? Promise.resolve() : this.flush(batches, false, since))).catch(() => {});
  }

  private closeBatches(early = false): Map<SyncTable, Batch> {
    this.pendingRows = 0;
    const batches = new Map<SyncTable, Batch>();
    // Rows held back from an early write (SyncTable.close()) stay in memory until a later write: at most as many
    // as one early write holds, and as many updates, per table, so memory stays bounded.
    for (const t of this.registry.all) batches.set(t, t.close(early, this.spillRows, this.holdUpdates));
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

  /**
   * Rolls back the open transaction, and with it the rows spilled since the last checkpoint and their DDL. Returns
   * the ROLLBACK's own error, if it failed (after a COMMIT that failed, DuckDB has no transaction left to roll back).
   */
  private async abort(): Promise<Error | undefined> {
    this.txOpen = false;
    this.replayWanted = undefined;
    const refused = await this.conn.run("ROLLBACK").then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
    // The rollback undid this transaction's CREATE and ALTER statements too.
    this.schemas.rolledBack();
    this.loader.rolledBack();
    this.early.rolledBack();
    this.rows.rolledBack();
    this.declaredCreated = false;
    this.files.clear();
    for (const t of this.registry.all) t.endTransaction();
    return refused;
  }

  /**
   * Writes closed batches in the open transaction (beginning one if needed); `commit` ends it (a checkpoint).
   * `since`: the first `_fivetran_synced` time the transaction's operations can have.
   */
  private async flush(batches: Map<SyncTable, Batch>, commit: boolean, since: number, segment?: Segment): Promise<void> {
    this.early.txStart = since;
    const waiting = [...batches].filter(([, b]) => b.pending.size > 0 || b.truncateBefore);
    if (!waiting.length && this.declaredCreated) {
      for (const b of batches.values()) carrySeen(b);
      if (commit && this.txOpen) await this.finish(segment, since);
      return;
    }
    const wrote = new Set<Batch>();
    if (!this.txOpen) {
      await this.conn.run("BEGIN TRANSACTION");
      this.txOpen = true;
    }
    try {
      for (const [t, b] of waiting) if (b.hasUpserts && (await this.write(t, b, commit))) wrote.add(b);
      // The SDK creates the declared tables at its first flush, which is a checkpoint: a spill does not, or a
      // declared table would get its columns before the rows that bring them.
      if (commit && waiting.some(([t, b]) => t.isDeclared && b.hasUpserts)) await this.createMissingDeclared();
      for (const [t, b] of waiting) if (!b.hasUpserts && (await this.write(t, b, commit))) wrote.add(b);
      if (commit) {
        if (!this.declaredCreated) await this.createMissingDeclared();
        this.declaredCreated = true;
        await this.finish(segment, since);
      }
    } catch (e) {
      // As the SDK's transaction does (`rollback()` in an `except`): after a COMMIT that failed, the rollback fails
      // too (`cannot rollback - no transaction is active`), and that is the error reported (407).
      const refused = await this.abort();
      const message = refused && e instanceof Error && COMMIT_FAILED.has(e) ? refused.message : (e as Error).message;
      const staged = e instanceof StagedValueError;
      const failure =
        e instanceof ToolError
          ? e
          : new ToolError(
              "internal",
              // The database's own message, as the SDK reports it; the hint says it is the warehouse write.
              message,
              staged
                ? "The connector changed Python's decimal context (decimal.getcontext()), and the SDK writes a float that goes into a text column in it at the checkpoint: it trapped a signal there. Leave the trap off, change the context only around your own arithmetic (decimal.localcontext()), or declare the column's type in schema()."
                : /Out of Memory/i.test(message)
                  ? "The rows since the last checkpoint did not fit in DuckDB's memory (by default 80% of the machine's, as under fivetran debug): call op.checkpoint(state) more often (every page or batch)."
                  : "Writing to files/warehouse.db failed, so the data after the last checkpoint was not written; fix the values the connector sends, or run with reset=true after a schema change.",
            );
      // An early write refused for its data waits for its checkpoint (see earlyRefused); the rows recorded since
      // stay, as do those of the next checkpoint when it has been called already. So does one whose float the
      // connector's decimal context refused: the column may not be text by then.
      if (!commit && !this.replaying && !(e instanceof ToolError) && (staged || REFUSED_VALUE.test(message))) {
        this.earlyRefused = failure;
        return;
      }
      for (const t of this.registry.all) t.clear();
      this.failure = failure;
      throw this.failure;
    }
    // A table that could not be written yet (only updates, no table) keeps the types its values showed.
    for (const b of batches.values()) if (!wrote.has(b)) carrySeen(b);
  }

  /** Commits the open transaction, or, when rows were written early in a type since changed, writes it again first. */
  private async finish(segment: Segment | undefined, since: number): Promise<void> {
    const warn = this.replayWanted;
    if (warn && segment && this.replayable(segment)) return this.replay(segment, since);
    // Too large to have been journaled (JOURNAL_LIMIT_CHARS, or more keys than KeySet logs): the rows stay as
    // written, and the run says so.
    warn?.();
    await this.commit();
  }

  /**
   * Writes the open transaction again from its records (the journal), after rolling it back: in the final type of
   * every column it wrote, which the rollback shows (the key columns that changed type since an early write
   * included), so that no column changes type after rows were written in it, and each cell is read once, as sent,
   * as the SDK reads a checkpoint written once. Rows recorded meanwhile (the next checkpoint's) wait, untouched.
   */
  private async replay(segment: Segment, since: number, whole = false): Promise<void> {
    // `whole` (rewrite()): the transaction was rolled back already, and its rows give the types, all at once.
    const hints = new Map<SyncTable, Columns>();
    if (!whole) {
      for (const t of this.registry.all) {
        const columns = await this.schemas.columns(t.schema, t.name);
        if (columns.size) hints.set(t, new Map(columns));
      }
    }
    let done!: () => void;
    this.replaying = new Promise<void>((resolve) => (done = resolve));
    const next = new Map(this.registry.all.map((t) => [t, t.batch] as const));
    const nextPending = this.pendingRows;
    try {
      if (!whole || this.txOpen) await this.abort();
      for (const t of this.registry.all) {
        t.undoClosed();
        t.batch = new Batch();
        t.upserted.pauseLog();
      }
      this.hints = whole ? undefined : hints;
      this.pendingRows = 0;
      // The first writing stamped each operation with a time of its own after `since` and before the next
      // checkpoint's: counting from `since` stays inside that span, before every row of the next transaction.
      const clock = new CountingClock(since);
      for (const line of segment.records()) {
        this.replayRecord(line, clock);
        if (!whole && this.pendingRows >= this.spillRows) await this.flush(this.closeBatches(true), false, since);
      }
      const batches = this.closeBatches();
      // Column types of a batch that could not be written go on to the next checkpoint's rows, as they would have.
      for (const [t, b] of batches) b.next = next.get(t) ?? t.batch;
      await this.flush(batches, true, since);
    } finally {
      this.hints = undefined;
      for (const t of this.registry.all) {
        t.upserted.resumeLog();
        t.batch = next.get(t) ?? new Batch();
        t.replayed();
      }
      this.pendingRows = nextPending;
      this.replaying = undefined;
      done();
      for (const apply of this.deferred.splice(0)) {
        try {
          apply();
        } catch (e) {
          // What a row would have thrown to the runner (a null key) fails the sync at its next operation.
          this.failure ??= e instanceof ToolError ? e : new ToolError("internal", (e as Error).message);
        }
      }
    }
  }

  /**
   * Whether the closed transaction can be written again from its records (replay()): the journal holds all of them
   * (JOURNAL_LIMIT_CHARS), and every table can undo what it noted since the last checkpoint (its key log).
   */
  private replayable(segment: Segment): boolean {
    return segment.complete && this.registry.all.every((t) => t.undoable());
  }

  /**
   * Writes the closed transaction once, from its records, after an early write of it was refused (earlyRefused): in
   * the types all its rows give, with nothing written early, as the SDK writes a checkpoint. Without all its records
   * (too large to journal, or more keys than KeySet logs), the refusal is the sync's failure, as before.
   */
  private async rewrite(segment: Segment, since: number): Promise<void> {
    const refused = this.earlyRefused!;
    this.earlyRefused = undefined;
    if (!this.replayable(segment)) {
      for (const t of this.registry.all) t.clear();
      throw (this.failure = refused);
    }
    await this.replay(segment, since, true);
  }

  /**
   * Whether two source tables of the open transaction write one destination table (`Orders` and `orders`, `🎉 events`
   * and `events`). The SDK writes a checkpoint once, source table by source table (those with upserts first, each its
   * upserts, then its updates and deletes): an update through one name of a row another name upserts later in that
   * order changes nothing, and of two upserts of one key the later name's wins, whatever the order of the calls. An
   * early write applied them in the order of the calls instead (646).
   */
  private sharedDestination(batches: Map<SyncTable, Batch>): boolean {
    const seen = new Set<string>();
    for (const t of this.registry.all) {
      const b = batches.get(t);
      if (!t.writtenEarly && !(b && (b.pending.size > 0 || b.truncateBefore))) continue;
      const id = `${t.schema}\0${t.name}`;
      if (seen.has(id)) return true;
      seen.add(id);
    }
    return false;
  }

  /**
   * The checkpoint of a transaction written early in which two source tables share a destination table
   * (sharedDestination()): written once from its records, in the SDK's order. Without all its records (too large to
   * journal), it is written as it is, and the run says what may differ.
   */
  private async rewriteShared(segment: Segment, since: number, batches: Map<SyncTable, Batch>): Promise<void> {
    if (this.replayable(segment)) return this.replay(segment, since, true);
    this.onWarning(
      `two source tables of one destination table were written to the warehouse early (past ${this.spillRows.toLocaleString("en-US")} operations since the last checkpoint), and the checkpoint was too large to write again: their updates and upserts of the same keys were applied in the order of the calls, where \`fivetran debug\` applies each source table's in turn (docs/fidelity.md, known differences). Call op.checkpoint(state) more often, or write each destination table through one name.`,
    );
    await this.flush(batches, true, since, segment);
  }

  /** One journaled record, recorded again (replay()); `clock` stamps its operations. */
  private replayRecord(line: string, clock: Clock): void {
    const rec = JSON.parse(line) as ChannelRecord;
    switch (rec.t) {
      case "rows": {
        const shape = this.shapes[rec.shape];
        const t = this.registry.table(rec.table, rec.schema);
        for (let i = 0; i < rec.rows.length; i++) recordRow(this.registry, t, rec.op, shape, rec.rows[i], rec.ids?.[i], clock);
        this.pendingRows += rec.rows.length;
        break;
      }
      case "upsert":
      case "update":
      case "delete": {
        const t = this.registry.table(rec.table, rec.schema);
        if ("data" in rec) {
          const [shape, values, id] = this.objectRow(rec);
          recordRow(this.registry, t, rec.t, shape, values, id, clock);
        } else recordRow(this.registry, t, rec.t, this.shapes[rec.shape], rec.values, rec.id, clock);
        this.pendingRows++;
        break;
      }
      case "truncate":
        this.registry.table(rec.table, rec.schema).batch.truncateBefore = clock.now();
        break;
    }
  }

  private async commit(): Promise<void> {
    await this.conn.run("COMMIT").catch((e: unknown) => {
      // Marked for the rollback that follows (see the catch in write()): DuckDB ends the transaction either way.
      if (e instanceof Error) COMMIT_FAILED.add(e);
      throw e;
    });
    this.txOpen = false;
    this.replayWanted = undefined;
    for (const t of this.registry.all) t.committed();
    this.schemas.committed();
    await this.early.committed();
    await this.rows.committed();
    // The rows are committed: a file that could not be looked up or removed stays, and the sync goes on.
    await this.files.removeStale().catch(() => {});
    for (const t of this.registry.all) t.endTransaction();
  }

  private async createMissingDeclared(): Promise<void> {
    for (const t of this.registry.all) if (t.isDeclared) await this.createFromDeclaration(t);
  }

  private async createFromDeclaration(t: SyncTable): Promise<void> {
    if (!t.hashedKey && t.key.some((k) => !t.declared.has(k)) && (await this.schemas.columns(t.schema, t.name)).size === 0) return;
    const types: Columns = new Map([...t.declared, [FIVETRAN_SYNCED, TSTZ]]);
    await this.schemas.ensureTable(t.schema, t.name, types, t.hashedKey ? [] : t.key, !t.hashedKey);
  }

  /** Writes a closed batch of a table in the open transaction; `commit`: the checkpoint's flush, not a spill. */
  private async write(t: SyncTable, b: Batch, commit: boolean): Promise<boolean> {
    let existing = await this.schemas.columns(t.schema, t.name);
    // Before this sync's first write to the table, its rows are those of earlier syncs.
    t.emptyAtStart ??= existing.size === 0 || (await this.schemas.isEmpty(t.schema, t.name));
    // A table no upsert has written yet (none, or a declared one with no _fivetran_deleted): the SDK adds its columns
    // at the checkpoint in one write, after those it had; written early, they came batch by batch (552).
    if (this.txOpen && !t.txOrder && b.hasUpserts && !existing.has(FIVETRAN_DELETED)) {
      t.txOrder = [];
      t.txPrefix = [...existing.keys()];
    }
    if (t.txOrder) for (const c of b.seen.keys()) if (!t.txOrder.includes(c)) t.txOrder.push(c);
    let actual: Columns;
    if (b.hasUpserts) {
      const types: Columns = new Map(t.declared);
      if (t.hashedKey) types.set(FIVETRAN_ID, "VARCHAR");
      const hint = this.hints?.get(t);
      for (const [c, k] of b.seen) if (!types.has(c)) types.set(c, hint?.get(c) ?? k);
      types.set(FIVETRAN_DELETED, "BOOLEAN");
      types.set(FIVETRAN_SYNCED, TSTZ);
      const after = existing.size ? await this.early.beforeWiden(t, existing, types, commit) : undefined;
      actual = await this.schemas.ensureTable(t.schema, t.name, types, t.key, t.isDeclared && !t.hashedKey);
      if (after) await after();
      this.noteKeyWidening(t, existing, actual);
    } else if (existing.size) {
      if (t.isDeclared) {
        await this.createFromDeclaration(t);
        existing = await this.schemas.columns(t.schema, t.name);
      }
      const grows = existing.has(FIVETRAN_DELETED);
      const wanted: Columns = new Map();
      const hint = this.hints?.get(t);
      // Upserts of the table written earlier in this transaction were in the SDK's one write of the checkpoint with
      // these updates, so the updates' keys type the key columns too (4,096 whole-number keys written early, then an
      // update of the key "w28": VARCHAR, fidelity connector 266). Updates alone in a checkpoint do not (the SDK's
      // load fails on a key its column cannot hold).
      const typesKeys = t.upsertedInTx;
      for (const [c, k] of b.seen) if ((grows || existing.has(c)) && !t.declared.has(c) && (typesKeys || !t.key.includes(c))) wanted.set(c, hint?.get(c) ?? k);
      const after = wanted.size ? await this.early.beforeWiden(t, existing, wanted, commit) : undefined;
      actual = wanted.size ? await this.schemas.ensureTable(t.schema, t.name, wanted, t.key, typesKeys && t.isDeclared && !t.hashedKey) : existing;
      if (after) await after();
      if (typesKeys) this.noteKeyWidening(t, existing, actual);
    } else {
      return false;
    }
    if (b.replacedPaths) this.files.noteStale(t, b.replacedPaths);
    for (const c of actual.keys()) t.typedColumns.add(c);
    this.noteLostBlank(t, actual);
    if (t.txOrder) actual = await this.schemas.order(t, actual);
    const upserts: Cells[] = [];
    const upsertKeys: string[] = [];
    let updates: Cells[] = [];
    const updateKeys: string[] = [];
    for (const [k, p] of b.pending) {
      if (p.upsert) {
        upserts.push(p.cells);
        upsertKeys.push(k);
      } else {
        updates.push(p.blank ? blankToNull(p.cells, t.keyIndex) : p.cells);
        updateKeys.push(k);
      }
    }
    // The rows are staged now; the batch's own map is no longer needed and can be collected during the SQL.
    b.pending = new Map();
    // Rows written before their checkpoint keep what a later widening in the same transaction needs (early.ts).
    if (!commit) {
      await this.early.record(t, actual, upserts);
      await this.early.record(t, actual, updates);
    }
    // A table that another source name writes too (`Orders` and `orders`) may hold keys this one never upserted.
    const fresh = !b.mayConflict && t.emptyAtStart && !this.registry.shared(t);
    await this.rows.upsertRows(t, actual, upserts, upsertKeys, fresh, { start: this.early.txStart, early: !commit });
    const types = actual;
    // An update of a key whose row lost to another key's in this transaction (keys.ts castKey()): the SDK merges it
    // into that losing row, so it changes nothing.
    const lost = t.lost;
    if (lost?.size) updates = updates.filter((_, i) => !lost.has(updateKeys[i]));
    await this.rows.updateRows(t, actual, updates, commit ? undefined : (staged, columns) => this.early.beforeUpdate(t, types, staged, columns), this.early.txStart);
    if (b.truncateBefore) await this.rows.markDeletedBefore(t, b.truncateBefore);
    if (!commit) t.writtenEarly = true;
    return true;
  }

  /**
   * A key column whose type changed after rows of the table were written in the open transaction (early, before
   * their checkpoint): the keys written early were matched, and read, in the column's type of then, where the SDK,
   * writing the checkpoint once, reads every cell as sent in the final type (keys alike in the old type, 1, 1.0 and
   * True or a time and its ISO text, may have become one row, or hold the old type's text, 7.0). The checkpoint
   * writes the transaction again (replay()); only if it was too large to journal, the run says what may differ.
   */
  private noteKeyWidening(t: SyncTable, before: Columns, after: Columns): void {
    if (!(t.upsertedInTx || t.writtenEarly) || t.hashedKey || this.hints) return;
    const changed = t.key.filter((k) => before.has(k) && before.get(k) !== after.get(k));
    if (!changed.length) return;
    this.wantReplay(() => {
      if (this.keyWarned.has(t)) return;
      this.keyWarned.add(t);
      const list = changed.map((k) => `${k} (${before.get(k)} to ${after.get(k)})`).join(", ");
      this.onWarning(
        `key column${changed.length > 1 ? "s" : ""} ${list} of table ${t.name} changed type after rows of this checkpoint were written to the warehouse early (past ${this.spillRows.toLocaleString("en-US")} operations since the last checkpoint), and the checkpoint was too large to write again: keys that were one value in the old type (1, 1.0 and True; a time and its ISO text) may have been kept as one row, or read as the old type's text (7.0), where \`fivetran debug\` keeps the keys as sent (docs/fidelity.md, known differences). ${earlyWriteRemedy(
          this.spillRows,
          changed.map((k) => [sourceName(t, k), after.get(k)]),
        )}`,
      );
    });
  }

  /**
   * Rows written early in the open transaction differ from what one write at its checkpoint gives: the checkpoint
   * writes the transaction again (replay()), or, if it was too large to journal, gives `warn`.
   */
  private wantReplay(warn: () => void): void {
    const earlier = this.replayWanted;
    this.replayWanted = () => {
      earlier?.();
      warn();
    };
  }

  /**
   * Rows with "" in a column no row had typed yet, written early past what SyncTable.close() holds back, were
   * written without the column. Once a later write of the same checkpoint creates it, they read NULL there, where
   * the SDK, writing the checkpoint once, keeps "" (a column typed only at a later checkpoint is the same in both).
   */
  private noteLostBlank(t: SyncTable, actual: Columns): void {
    const c = t.lostBlank;
    if (c === undefined || !actual.has(c) || this.blankWarned.has(t)) return;
    this.blankWarned.add(t);
    this.onWarning(
      `"" in column ${c} of table ${t.name} was written as NULL in some rows: more than ${this.spillRows.toLocaleString("en-US")} operations since the last checkpoint held "" there before any row gave the column a type, and rows past that were written to the warehouse early, without the column (\`fivetran debug\` keeps the ""; docs/fidelity.md). ${earlyWriteRemedy(this.spillRows, [[sourceName(t, c), actual.get(c)]])}`,
    );
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
    this.records.close();
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
