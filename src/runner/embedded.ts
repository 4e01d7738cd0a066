import { join } from "node:path";
import type { Readable } from "node:stream";
import { HARNESS_DIR } from "../paths.js";
import { hintFor } from "./classify.js";
import { RunTracker } from "./context.js";
import { limitError } from "./limits.js";
import { watchLines } from "./lines.js";
import { spawnSupervised } from "./process.js";
import type { ChannelRecord, ErrorKind, RowRecord } from "../protocol.js";
import type { WarehouseSink } from "./sink.js";
import type { OperationCounts, RunError, RunResult } from "./types.js";

/** The SYNC PROGRESS counter each row operation adds to. */
const ROW_COUNT = { upsert: "upserts", update: "updates", delete: "deletes" } as const;

export interface EngineInput {
  projectDir: string;
  python: string;
  env: Record<string, string>;
  configuration: Record<string, unknown> | undefined;
  startState: Record<string, unknown>;
  /** What files/state.json holds before the run (after a reset: {}): the committed state until a checkpoint. */
  diskState: Record<string, unknown>;
  /**
   * The version of the Python that runs the connector, once it is known to be usable: the harness's Python starts
   * meanwhile and gets its job (the connector starts) only then.
   */
  pythonVersion: Promise<string>;
  /**
   * The warehouse, opening (and locking) meanwhile: loading DuckDB takes longer than starting Python, so the
   * connector's first operations wait in the 1 MB operation pipe. If it cannot open (another sync holds it), the
   * connector is stopped and nothing is written.
   */
  sink: Promise<WarehouseSink>;
  tracker: RunTracker;
  timeoutMs?: number;
  signal?: AbortSignal;
  warehousePath: string;
  statePath: string;
  outputLimitBytes?: number;
  memoryLimitMb?: number;
  /** Record, replay, faults or a crash point for the harness (src/proof/recording.ts builds it). */
  proof?: Record<string, unknown>;
}

/**
 * The embedded engine: our harness runs connector.py and streams operations over fd 3; each is applied to the
 * warehouse as it arrives, a checkpoint commits, and any failure rolls back to the last checkpoint.
 */
export async function runEmbedded(inp: EngineInput): Promise<RunResult> {
  const started = Date.now();
  const { tracker } = inp;
  const runner = join(HARNESS_DIR, "ftmcp_run.py");
  const proc = spawnSupervised({
    file: inp.python,
    args: ["-u", "-X", "utf8", runner],
    cwd: inp.projectDir,
    env: inp.env,
    channel: true,
    timeoutMs: inp.timeoutMs,
    signal: inp.signal,
    outputLimitBytes: inp.outputLimitBytes,
    memoryLimitMb: inp.memoryLimitMb,
    containWith: inp.python,
  });
  // The run history keeps the pid, so a later server can stop this harness if ours dies without doing so.
  tracker.spawned(proc.child.pid);
  const stdio = proc.child.stdio as unknown as [NodeJS.WritableStream, NodeJS.ReadableStream, NodeJS.ReadableStream, NodeJS.ReadableStream];
  const channel = stdio[3] as unknown as Readable;
  channel.setEncoding("utf8");
  // The connector starts before the warehouse is open, and may even end first: what it sends meanwhile is kept
  // here (DuckDB opens in well under a second, so a few MB at most), since the pipe goes once the process exits.
  const early: string[] = [];
  const keep = (chunk: string) => early.push(chunk);
  channel.on("data", keep);
  // Until the loop below reads it, a broken channel must not be an unhandled 'error' event (the run then ends
  // without its last record, and says so).
  channel.on("error", () => {});
  let sink: WarehouseSink;
  let pythonVersion: string;
  try {
    pythonVersion = await inp.pythonVersion;
    // The job goes through stdin, never argv: argv is visible to every user of the machine and holds no secrets.
    stdio[0].write(`${JSON.stringify({ project_dir: inp.projectDir, configuration: inp.configuration ?? null, state: inp.startState, memory_limit_mb: inp.memoryLimitMb ?? null, ...(inp.proof ? { proof: inp.proof } : {}) })}\n`);
    sink = await inp.sink;
    channel.off("data", keep);
    channel.pause();
  } catch (e) {
    // An unusable Python or a locked warehouse: a usage error, not a failed sync; nothing was written.
    proc.stop("failed");
    await proc.exited;
    throw e;
  }

  const logsDone = Promise.all([
    watchLines(proc.stdout, (l) => tracker.log("INFO", "stdout", l)),
    watchLines(proc.stderr, (l) => tracker.log("WARNING", "stderr", l)),
  ]);

  // A state override is where the connector starts, not what is committed: a run that fails before its first
  // checkpoint leaves files/state.json as it was, and reports that.
  let committedState = inp.diskState;
  // What had been sent when the connector last checkpointed; evaluate compares it with the totals.
  let countsAtLastCheckpoint: OperationCounts | undefined;
  let lastState: Record<string, unknown> | undefined;
  let ended = false;
  let reported: (ChannelRecord & { t: "error" }) | undefined;
  let sdkVersion: string | undefined;
  let peakKb: number | undefined;
  let applyError: RunError | undefined;

  // A checkpoint is written while the following records are read and applied (the writer closes the batch when
  // asked); the next checkpoint and the end of the channel wait for it, so at most one is in flight.
  let writing: Promise<void> | undefined;
  let writeError: Error | undefined;
  let countsAtFailedCheckpoint: OperationCounts | undefined;
  const checkpointed = async (): Promise<void> => {
    if (writing) await writing;
    writing = undefined;
    if (writeError !== undefined) {
      // The sync stops at the checkpoint that failed, as it did when each checkpoint was awaited: what was read
      // after it is not counted.
      if (countsAtFailedCheckpoint) Object.assign(tracker.counts, countsAtFailedCheckpoint);
      countsAtFailedCheckpoint = undefined;
      throw writeError;
    }
  };
  const apply = sink.applyNow ? sink.applyNow.bind(sink) : undefined;
  const backlog = sink.backlog ? sink.backlog.bind(sink) : undefined;
  const applyRow = sink.applyRow ? sink.applyRow.bind(sink) : undefined;
  /** Column names of each row shape the harness declared, by id. */
  const shapes: string[][] = [];

  /** Handles one record; returns a promise only when the record needs one (the warehouse's async work). */
  const handle = (line: string): Promise<void> | undefined => {
    let rec: ChannelRecord;
    try {
      rec = JSON.parse(line) as ChannelRecord;
    } catch {
      throw Object.assign(new Error(`unreadable record on the operation channel: ${line.slice(0, 200)}`), { kind: "internal" });
    }
    let wait: Promise<unknown> | undefined;
    switch (rec.t) {
      case "upsert":
      case "update":
      case "delete": {
        tracker.counts[ROW_COUNT[rec.t]]++;
        let row: RowRecord | undefined;
        if ("values" in rec) {
          const names = shapes[rec.shape];
          if (!names) throw Object.assign(new Error(`row of unknown shape ${rec.shape} on the operation channel`), { kind: "internal" });
          if (applyRow) applyRow(rec.t, rec.table, names, rec.values, rec.schema);
          else row = { t: rec.t, table: rec.table, ...(rec.schema === undefined ? {} : { schema: rec.schema }), data: Object.fromEntries(names.map((n, i) => [n, rec.values[i]!])) };
        } else row = rec;
        if (row) {
          if (apply) apply(row);
          else {
            wait = sink.apply(row);
            break;
          }
        }
        // Undefined unless DuckDB has fallen behind: then reading waits, and so does the connector.
        wait = backlog?.();
        break;
      }
      case "shape":
        shapes[rec.id] = rec.cols;
        break;
      case "truncate":
        tracker.counts.truncates++;
        wait = sink.apply(rec);
        break;
      case "file":
        // Logged with the SDK's wording; counted in the SYNC PROGRESS table's "File uploads" row.
        tracker.counts.fileUploads++;
        tracker.log("INFO", "sdk", `File uploaded successfully: ${rec.path} → ${rec.target}`);
        break;
      case "schema":
        tracker.declared = rec.tables;
        wait = sink.apply(rec).then((n) => {
          tracker.counts.schemaChanges += n || 0;
        });
        break;
      case "checkpoint": {
        const state = rec.state;
        wait = checkpointed().then(() => {
          const at = { ...tracker.counts };
          writing = sink.checkpoint(state).then(
            () => {
              tracker.counts.checkpoints++;
              committedState = state;
              countsAtLastCheckpoint = { ...at, checkpoints: tracker.counts.checkpoints };
              lastState = state;
              tracker.log("INFO", "sdk", `checkpoint recorded: ${JSON.stringify(state)}`);
            },
            (e: unknown) => {
              writeError = e instanceof Error ? e : new Error(String(e));
              countsAtFailedCheckpoint = at;
            },
          );
        });
        break;
      }
      case "log":
        tracker.log(rec.level, "connector", rec.message);
        break;
      case "warning":
        tracker.warn(rec.message);
        tracker.log("WARNING", "sdk", rec.message);
        break;
      case "start":
        sdkVersion = rec.sdk_version;
        break;
      case "stats":
        if (typeof rec.peak_rss_kb === "number") peakKb = rec.peak_rss_kb;
        break;
      case "error":
        reported = rec;
        break;
      case "end":
        ended = true;
        break;
    }
    if (wait) return wait.then(() => tracker.progress());
    tracker.progress();
    return undefined;
  };

  try {
    // The unfinished end of a line, in pieces: only each new chunk is searched for a newline, so a line of any
    // length (a 50 MB exception message) costs time linear in its size, not quadratic.
    const pending: string[] = [];
    // Lines are handled chunk by chunk, without an await per record; the next chunk is pulled only when this one
    // is done, so a slow warehouse still blocks the harness's writes (backpressure).
    for await (const chunk of chunksOf(early, channel)) {
      if (writeError !== undefined) await checkpointed();
      let start = 0;
      let nl: number;
      while ((nl = chunk.indexOf("\n", start)) !== -1) {
        let line = chunk.slice(start, nl);
        start = nl + 1;
        if (pending.length > 0) {
          pending.push(line);
          line = pending.join("");
          pending.length = 0;
        }
        if (!line) continue;
        const wait = handle(line);
        if (wait) await wait;
      }
      if (start < chunk.length) pending.push(start === 0 ? chunk : chunk.slice(start));
    }
    const rest = pending.join("");
    if (rest) await handle(rest);
    await checkpointed();
  } catch (e) {
    // The warehouse refused an operation (or the channel broke): stop the connector, keep the last checkpoint.
    const err = e as Error & { kind?: ErrorKind; code?: string };
    const kind: ErrorKind = err.kind ?? "operation";
    applyError = tracker.error(kind, err.message, { hint: hintFor(kind) ?? (err as { hint?: string }).hint });
    proc.stop("failed");
  }

  const exit = await proc.exited;
  await logsDone;
  tracker.progress(true);

  let status: RunResult["status"] = "succeeded";
  let error: RunError | undefined;
  const stop = proc.stopReason;
  if (stop === "timeout") {
    status = "timeout";
    error = tracker.error("timeout", `The sync did not finish within ${Math.round((inp.timeoutMs ?? 0) / 1000)} seconds and was stopped.`, {
      hint: hintFor("timeout", { timeoutSeconds: Math.round((inp.timeoutMs ?? 0) / 1000) }),
    });
  } else if (stop === "cancelled" || stop === "shutdown") {
    status = "cancelled";
    error = tracker.error("cancelled", stop === "shutdown" ? "The server shut down during the sync." : "The sync was cancelled.", { hint: hintFor("cancelled") });
  } else if ((error = limitError(stop, tracker, inp))) {
    status = "failed";
  } else if (applyError) {
    status = "failed";
    error = applyError;
  } else if (reported) {
    status = "failed";
    error = tracker.error(reported.kind, reported.message, {
      file: reported.file,
      line: reported.line,
      tracebackTail: reported.traceback,
      hint: hintFor(reported.kind, { module: reported.module, python: inp.python, memoryLimitMb: inp.memoryLimitMb }),
    });
  } else if (!ended || exit.exitCode !== 0) {
    status = "failed";
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
    const kind: ErrorKind = exit.signal === "SIGKILL" ? "memory" : "exit";
    error = tracker.error(kind, `The connector process ${how} before the sync finished (os._exit() or a crash in native code?).`, {
      hint: kind === "memory" ? "The process was killed, most often by the out-of-memory killer: stream and checkpoint instead of holding all rows." : hintFor("exit"),
    });
  }

  if (status === "succeeded") {
    // Like the SDK's final flush: rows after the last checkpoint are committed under that checkpoint's state
    // (or the starting state when the connector never checkpointed).
    const finalState = lastState ?? inp.startState;
    await sink.checkpoint(finalState);
    committedState = finalState;
    if (tracker.counts.checkpoints === 0) {
      tracker.warn("op.checkpoint() was never called during this sync. We recommend calling op.checkpoint(state) periodically in your update function to save sync state and avoid re-syncing data unnecessarily.");
    }
  } else {
    await sink.rollback();
  }
  const rowsPerTable = await sink.rowsPerTable();
  const peakRss = peakKb ?? proc.peakRssKb();
  return {
    status,
    engine: "embedded",
    sdkVersion,
    python: pythonVersion,
    durationMs: Date.now() - started,
    counts: { ...tracker.counts },
    rowsPerTable,
    state: tracker.redactor.redactValue(committedState),
    warnings: tracker.warnings,
    ...(error ? { error } : {}),
    logTail: tracker.logTail(),
    ...(tracker.declared ? { declaredTables: tracker.declared } : {}),
    warehousePath: inp.warehousePath,
    statePath: inp.statePath,
    ...(peakRss !== undefined ? { peakRssMb: Math.round((peakRss / 1024) * 10) / 10 } : {}),
    ...(countsAtLastCheckpoint ? { countsAtLastCheckpoint } : {}),
  };
}

/** The chunks kept while the warehouse opened, then the rest of the channel as it comes. */
async function* chunksOf(early: string[], channel: Readable): AsyncGenerator<string> {
  while (early.length) yield early.shift()!;
  for await (const chunk of channel as AsyncIterable<string>) yield chunk;
}
