import type { RunTracker } from "./context.js";
import { nestedPast, PYTHON_RECURSION_LIMIT } from "./json-depth.js";
import type { Answer, ChannelRecord, Shape } from "../protocol.js";
import { SYNC_ERROR_KINDS } from "../errors.js";
import type { WarehouseSink } from "./sink.js";
import type { OperationCounts, TableWrites } from "./types.js";

/** The SYNC PROGRESS counter each row operation adds to. */
const ROW_COUNT = { upsert: "upserts", update: "updates", delete: "deletes" } as const;

function internal(message: string): Error {
  return Object.assign(new Error(message), { kind: "internal" });
}

/** A record no harness writes: the connector's own code wrote to the channel, so the run fails as the connector's. */
function channelError(message: string): Error {
  return Object.assign(new Error(message), {
    kind: "connector_exception",
    hint: "Do not write to file descriptor 3 (os.write(3, ...), os.fdopen(3)) from connector code: it is the runner's operation channel.",
  });
}

/**
 * The fields of each record the harness writes, besides the rows, by type ("?" optional). The channel is fd 3 of the
 * connector's own process, so connector code can write records too; one whose fields have other types must fail the
 * run in words, not as a TypeError in the runner or an answer that breaks run_debug's output schema. Rows are not
 * checked here (the hot path): a malformed row fails in the warehouse, which reports it.
 */
const FIELDS: Partial<Record<string, Record<string, string>>> = {
  start: { sdk_version: "string", python: "string?" },
  schema: { tables: "array" },
  shape: { cols: "array", names: "array" },
  table: { table: "string", schema: "string?", name: "string", dest: "string" },
  digits: { digits: "array" },
  truncate: { table: "string", schema: "string?" },
  file: { path: "string", target: "string" },
  start_state: { text: "string" },
  configuration: { text: "string" },
  end: { state_error: "string?", state_error_kind: "string?" },
  checkpoint: { text: "string", shown: "string" },
  sync_end: {},
  log: { level: "string", message: "string" },
  warning: { message: "string" },
  error: {
    kind: "string",
    message: "string",
    file: "string?",
    line: "number?",
    traceback: "string?",
    module: "string?",
    exit_code: "number?",
    hint: "string?",
    before_sync: "boolean?",
    exception_type: "string?",
    http: "object?",
    missing_key: "string?",
    record_keys: "array?",
    placeholder_keys: "array?",
    in_state: "boolean?",
  },
};

/** What is wrong with a record that is not one the harness writes (see FIELDS), or undefined. */
function malformed(rec: Record<string, unknown>): string | undefined {
  const fields = FIELDS[rec.t as string];
  if (!fields) return undefined;
  for (const [name, want] of Object.entries(fields)) {
    const v = rec[name];
    const optional = want.endsWith("?");
    // Python's None for an optional field (a frame without a line number) is as good as leaving it out.
    if ((v === undefined || v === null) && optional) continue;
    const type = optional ? want.slice(0, -1) : want;
    const ok = type === "array" ? Array.isArray(v) : type === "object" ? typeof v === "object" && v !== null && !Array.isArray(v) : typeof v === type;
    if (!ok) return `${name} is not ${type === "array" || type === "object" ? "an" : "a"} ${type}`;
  }
  if (rec.t === "schema" && !(rec.tables as unknown[]).every((x) => typeof x === "object" && x !== null && typeof (x as { table?: unknown }).table === "string")) return "tables are not tables";
  if (rec.t === "error" && !(SYNC_ERROR_KINDS as readonly string[]).includes(rec.kind as string)) return "kind is not one the runner knows";
  return undefined;
}

/**
 * The sink of a sync whose files/ the harness has not made yet: the harness sends no operation before its "files"
 * record, so one that comes is the connector's own writing to the channel.
 */
const NOT_OPEN: WarehouseSink = {
  sourceNaming: false,
  declare: () => notOpen(),
  nameTable: () => notOpen(),
  row: () => notOpen(),
  truncate: () => notOpen(),
  learnDigits: () => notOpen(),
  journal: () => notOpen(),
  backlog: () => undefined,
  checkpoint: () => Promise.reject(notOpenError()),
  rollback: () => Promise.resolve(),
  rowsPerTable: () => Promise.resolve({}),
  close: () => Promise.resolve(),
};

function notOpenError(): Error {
  return channelError("an operation on the operation channel before the sync started (files/ made); connector code must not write to file descriptor 3, the runner's channel");
}

function notOpen(): never {
  throw notOpenError();
}

/** How a session gets its warehouse and what it tells the runner besides the operations. */
export interface SessionOptions {
  /** The start state comes from files/state.json as the harness read it after the import: it is what is committed. */
  stateFromDisk?: boolean;
  /** configuration.json's text as the harness read it after the import (the runner masks its secrets). */
  onConfiguration?: (text: string) => void;
}

function tableKey(table: string, schema: string | undefined): string {
  return schema === undefined ? table : `${schema}\u0000${table}`;
}

/**
 * One sync as the runner sees it: folds the channel's records into counts (the tracker's), the committed state and
 * what the harness reported, handing each operation to the one warehouse sink. It does no reading and no process
 * work: the channel reader feeds it lines, and `ack` answers the harness, which waits in op.checkpoint() until its
 * checkpoint is committed.
 */
export class SyncSession {
  /** The state files/state.json holds, for the run's result (display only: the file holds the harness's text). */
  committedState: Record<string, unknown>;
  /** What had been sent when the connector last checkpointed; evaluate compares it with the totals. */
  countsAtLastCheckpoint: OperationCounts | undefined;
  /** The last checkpoint's state exactly as the SDK keeps it in state.json (from the harness). */
  lastStateText: string | undefined;
  /** The start state as the SDK would keep it: what a sync that never checkpoints commits at its end. */
  startStateText: string | undefined;
  /**
   * Row operations this run sent, per table keyed as rowsPerTable is: the warehouse's table name, `schema.table` when
   * the connector named a schema (names as the harness renamed them).
   */
  readonly written: Record<string, TableWrites> = {};
  /** The warehouse name of each table the harness announced, by the connector's (schema, table). */
  private readonly warehouseNames = new Map<string, string>();
  ended = false;
  /** Why the state a sync that never checkpointed writes at its end could not be written (378, 400): it fails there. */
  stateError: { message: string; kind: "serialization" | "connector_exception" } | undefined;
  reported: (ChannelRecord & { t: "error" }) | undefined;
  sdkVersion: string | undefined;
  peakKb: number | undefined;

  /** Each row shape the harness declared, by id. */
  private readonly shapes: Shape[] = [];
  // A checkpoint is committed while the following records are read and applied (the writer closes the batch when
  // asked); the next checkpoint and the end of the channel wait for it, so at most one is in flight.
  private writing: Promise<void> | undefined;
  private writeError: Error | undefined;
  private countsAtFailedCheckpoint: OperationCounts | undefined;

  /**
   * The warehouse: given open, or opened (through `sink` given as a function) when the harness says it has made
   * files/, as `fivetran debug` opens it only then (after the import and the checks); until then NOT_OPEN.
   */
  sink: WarehouseSink;
  /** Whether the warehouse has been opened for this sync. */
  opened: boolean;
  /** Why the warehouse could not be opened (another sync holds it): the run's usage error, not a failed sync. */
  openError: unknown;
  private readonly openSink: (() => Promise<WarehouseSink>) | undefined;

  constructor(
    sink: WarehouseSink | (() => Promise<WarehouseSink>),
    private readonly tracker: RunTracker,
    /** Answers the harness: a checkpoint committed (or not), or a record it asked about; see Answer. */
    private readonly ack: (answer: Answer) => void,
    diskState: Record<string, unknown>,
    private readonly opts: SessionOptions = {},
  ) {
    // A state override is where the connector starts, not what is committed: a run that fails before its first
    // checkpoint leaves files/state.json as it was, and reports that.
    this.committedState = diskState;
    this.openSink = typeof sink === "function" ? sink : undefined;
    this.sink = typeof sink === "function" ? NOT_OPEN : sink;
    this.opened = typeof sink !== "function";
  }

  /** Undefined, or a promise that rejects with the error of a checkpoint that failed: the reading must stop. */
  failed(): Promise<void> | undefined {
    return this.writeError === undefined ? undefined : this.checkpointed();
  }

  /** Waits for the checkpoint being committed; throws its error if it failed. */
  async checkpointed(): Promise<void> {
    if (this.writing) await this.writing;
    this.writing = undefined;
    if (this.writeError !== undefined) {
      // The sync stops at the checkpoint that failed, as it did when each checkpoint was awaited: what was read
      // after it is not counted.
      if (this.countsAtFailedCheckpoint) Object.assign(this.tracker.counts, this.countsAtFailedCheckpoint);
      this.countsAtFailedCheckpoint = undefined;
      throw this.writeError;
    }
  }

  /** ftmcp_boot.py's version when other version lines came before it (see handle). */
  bootVersion: string | undefined;

  /** Handles one record; returns a promise only when the record needs one (the warehouse's async work). */
  handle(line: string): Promise<void> | undefined {
    let rec: ChannelRecord;
    try {
      rec = JSON.parse(line) as ChannelRecord;
    } catch {
      throw internal(`unreadable record on the operation channel: ${line.slice(0, 200)}`);
    }
    if (typeof rec !== "object" || rec === null) throw internal(`a malformed record on the operation channel (not an object): ${line.slice(0, 200)}`);
    const wrong = malformed(rec as unknown as Record<string, unknown>);
    // Security: only connector code writing to fd 3 itself gets here; the harness's records always match.
    if (wrong) throw channelError(`a malformed record on the operation channel (${String(rec.t).slice(0, 20)}: ${wrong}); connector code must not write to file descriptor 3, the runner's channel`);
    const { tracker, sink } = this;
    let wait: Promise<unknown> | undefined;
    switch (rec.t) {
      case "upsert":
      case "update":
      case "delete": {
        if (!("values" in rec)) throw internal("a row without its shape on the operation channel");
        const shape = this.shapes[rec.shape];
        if (!shape) throw internal(`row of unknown shape ${rec.shape} on the operation channel`);
        sink.journal(rec, line);
        tracker.counts[ROW_COUNT[rec.t]]++;
        const name = this.warehouseNames.get(tableKey(rec.table, rec.schema)) ?? rec.table;
        (this.written[name] ??= { upserts: 0, updates: 0, deletes: 0 })[ROW_COUNT[rec.t]]++;
        sink.row(rec.t, rec.table, shape, rec.values, rec.schema, rec.id);
        // Undefined unless DuckDB has fallen behind: then reading waits, and so does the connector.
        wait = sink.backlog();
        break;
      }
      case "rows": {
        const shape = this.shapes[rec.shape];
        if (!shape) throw internal(`rows of unknown shape ${rec.shape} on the operation channel`);
        const count = ROW_COUNT[rec.op];
        if (count === undefined) throw internal(`rows of an unknown operation on the operation channel: ${String(rec.op).slice(0, 50)}`);
        sink.journal(rec, line);
        const name = this.warehouseNames.get(tableKey(rec.table, rec.schema)) ?? rec.table;
        const written = (this.written[name] ??= { upserts: 0, updates: 0, deletes: 0 });
        const { rows, ids } = rec;
        // Counted one by one before each is applied, as single rows are: a row the warehouse refuses is counted
        // and those after it are not.
        for (let i = 0; i < rows.length; i++) {
          tracker.counts[count]++;
          written[count]++;
          sink.row(rec.op, rec.table, shape, rows[i], rec.schema, ids?.[i]);
        }
        wait = sink.backlog();
        break;
      }
      case "shape":
        this.shapes[rec.id] = rec;
        sink.journal(rec, line);
        break;
      case "table":
        this.warehouseNames.set(tableKey(rec.table, rec.schema), rec.schema === undefined ? rec.name : `${rec.dest}.${rec.name}`);
        sink.nameTable(rec.table, rec.schema, rec.name, rec.dest);
        break;
      case "digits":
        sink.learnDigits(rec.digits);
        break;
      case "truncate":
        tracker.counts.truncates++;
        sink.truncate(rec.table, rec.schema);
        break;
      case "file":
        // Logged with the SDK's wording; counted in the SYNC PROGRESS table's "File uploads" row.
        tracker.counts.fileUploads++;
        tracker.log("INFO", "sdk", `File uploaded successfully: ${rec.path} → ${rec.target}`);
        break;
      case "schema":
        // The result reports what schema() declared; the destination names are the writer's business.
        tracker.declared = rec.tables.map(({ name: _name, dest: _dest, column_names: _columns, column_order: _order, ...declared }) => declared);
        tracker.counts.schemaChanges += sink.declare(rec.tables);
        break;
      case "start_state":
        this.startStateText = rec.text;
        // Read from files/state.json after the import: what the file held then is what is committed until a
        // checkpoint (a state nested past Python's json never gets here, Python refuses it first).
        if (this.opts.stateFromDisk && this.lastStateText === undefined) {
          const state = parseState(rec.text);
          if (!nestedPast(state, PYTHON_RECURSION_LIMIT)) this.committedState = state;
        }
        break;
      case "configuration":
        this.opts.onConfiguration?.(rec.text);
        // The harness waits for this before it goes on (see main() in ftmcp_run.py): the secrets are known now.
        this.ack("done");
        break;
      case "files":
        // The harness waits for the answer (one byte) before schema() and update() run, as `fivetran debug` opens its
        // warehouse before them: a connector that removes files/ then removes the warehouse with it (400).
        if (this.openSink && !this.opened) {
          this.opened = true;
          wait = this.openSink().then(
            (opened) => {
              this.sink = opened;
              // The harness renames (or not) from the answer on: a warehouse first made with source naming keeps it.
              this.ack(opened.sourceNaming ? "source_naming" : "done");
            },
            (e: unknown) => {
              this.openError = e;
              throw e;
            },
          );
        } else this.ack("done");
        break;
      case "checkpoint":
        wait = this.checkpointed().then(() => this.commit(rec.text, rec.shown));
        break;
      case "sync_end":
        wait = this.checkpointed().then(() => this.endNested());
        break;
      case "log":
      case "warning":
        tracker.fromChannel(rec);
        // `fivetran debug` prints a warning as a WARNING line of the sdk's (the sdk engine reads warnings from those).
        if (rec.t === "warning") tracker.log("WARNING", "sdk", rec.message);
        break;
      case "start":
        if (this.bootVersion !== undefined)
          throw channelError(
            `more than one Python version line on the operation channel: code of the folder ran as the interpreter started (a .pth file in its .venv?) and wrote one before ftmcp_boot.py; the interpreter is Python ${this.bootVersion}`,
          );
        this.sdkVersion = rec.sdk_version;
        break;
      case "stats":
        if (typeof rec.peak_rss_kb === "number") this.peakKb = rec.peak_rss_kb;
        break;
      case "error":
        this.reported = rec;
        break;
      case "end":
        this.ended = true;
        if (typeof rec.state_error === "string") this.stateError = { message: rec.state_error, kind: rec.state_error_kind === "connector_exception" ? "connector_exception" : "serialization" };
        break;
      default:
        // ftmcp_boot.py's version line is taken off the channel before the session starts; more of them here mean
        // something wrote one before it (a .pth file of the folder's .venv, which site may even run twice), which
        // the runner then took for the version. The last one before the start record is ftmcp_boot.py's own.
        if ((rec as { t: string }).t === "python" && typeof (rec as { version?: unknown }).version === "string") this.bootVersion = (rec as { version: string }).version;
    }
    if (wait) return wait.then(() => tracker.progress());
    tracker.progress();
    return undefined;
  }

  private commit(text: string, shown: string): void {
    const { tracker } = this;
    const at = { ...tracker.counts };
    this.writing = this.sink.checkpoint(text).then(
      () => {
        tracker.counts.checkpoints++;
        this.committedState = parseState(text);
        this.countsAtLastCheckpoint = { ...at, checkpoints: tracker.counts.checkpoints };
        this.lastStateText = text;
        tracker.log("INFO", "sdk", `checkpoint recorded: ${shown}`);
        tracker.progressSoon();
        // op.checkpoint() returns once the harness has this: files/state.json is on disk, as with the SDK.
        this.ack("done");
      },
      (e: unknown) => {
        this.writeError = e instanceof Error ? e : new Error(String(e));
        this.countsAtFailedCheckpoint = at;
        // The connector goes on until the next chunk shows the failure and the run stops it.
        this.ack("failed");
      },
    );
  }

  /**
   * The end of a sync `connector.debug(configuration=…)` ran while connector.py loaded (555): as a successful sync's
   * end, its rows after the last checkpoint are committed under the last state (or the start state it kept); then
   * `fivetran debug` runs its own sync in the same warehouse, whose counts the SDK prints apart, so they start again.
   */
  private endNested(): void {
    const { tracker } = this;
    const text = this.finalStateText({});
    this.writing = this.sink.checkpoint(text).then(
      () => {
        this.committedState = parseState(text);
        for (const k of Object.keys(tracker.counts) as (keyof OperationCounts)[]) tracker.counts[k] = 0;
        this.countsAtLastCheckpoint = undefined;
        this.lastStateText = undefined;
        this.startStateText = undefined;
        this.ack("done");
      },
      (e: unknown) => {
        this.writeError = e instanceof Error ? e : new Error(String(e));
        this.ack("failed");
      },
    );
  }

  /** The text the final commit of a successful sync writes: the last checkpoint's state, else the start state. */
  finalStateText(fallback: Record<string, unknown>): string {
    return this.lastStateText ?? this.startStateText ?? JSON.stringify(fallback);
  }
}

/**
 * The committed state as the run's result shows it. Display only: files/state.json holds the harness's text, and
 * a value JavaScript cannot hold exactly (a 19-digit integer) is shown rounded here, never written back.
 */
export function parseState(text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    // Python writes NaN and Infinity, which JSON.parse refuses; the display shows them as null.
    v = JSON.parse(text.replace(/\bNaN\b|-?\bInfinity\b/g, "null"));
  }
  // A state nested deeper than Python's default limit (the connector raised it, 396) would overflow the stack of the
  // recursive walks that mask and serialise the result: shown as {} then, as the real-SDK engine shows it (sdk.ts).
  if (nestedPast(v, PYTHON_RECURSION_LIMIT)) return {};
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : { state: v };
}
