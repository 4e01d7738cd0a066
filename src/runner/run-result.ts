import { z } from "zod";
import { SYNC_ERROR_KINDS, ToolError, errorCodeOf } from "../errors.js";
import { described } from "../schema-fields.js";
import type { Workspace } from "../workspace/workspace.js";
import type { RunRecord } from "./history.js";
import { summarize } from "./report.js";
import { stateFile, warehouseFile } from "./sink.js";
import type { OperationCounts, RunError, RunResult } from "./types.js";

/** The row operations: counted for the whole run (counts) and for each table (written_per_table). */
const rowCountFields = described(z.number(), { upserts: "op.upsert calls.", updates: "op.update calls.", deletes: "op.delete calls." });

/**
 * The wire shape of a sync result, shared by run_debug, run_status, cancel_run and `debug --json`. Engines keep
 * their TypeScript names (RunResult); this is the one place that maps them to the snake_case fields clients read.
 */
export const countsSchema = z
  .object({
    ...rowCountFields,
    ...described(z.number(), {
      truncates: "op.truncate calls.",
      schema_changes: "Tables declared by schema() (what the SDK counts as schema changes).",
      checkpoints: "op.checkpoint calls that were committed.",
    }),
    file_uploads: z.number().optional().describe("Files stored by upsert/update with file=."),
  })
  .describe("Operation counts, as in the SDK's SYNC PROGRESS table.");

export const RUN_STATUSES = ["running", "succeeded", "failed", "cancelled", "timeout", "interrupted"] as const;

/** What a run's error says beyond its kind, as run_debug and run_setup_tests both return it. */
export const errorWhereFields = {
  message: z.string().describe("What failed, in the SDK's words where it has them; secrets masked."),
  file: z.string().optional().describe("File of the innermost frame in the connector's own code."),
  line: z.number().optional().describe("Line in that file."),
  traceback_tail: z.string().optional().describe("The last lines of the traceback."),
};

/** The fields of a sync result without the run id (the CLI's `debug --json` prints exactly these). */
export const syncResultShape = {
  status: z
    .enum(RUN_STATUSES)
    .describe("running: poll run_status with run_id. failed/timeout: read error. interrupted: the server stopped during the run; run_debug again continues from the last checkpoint."),
  exit_code: z
    .number()
    .optional()
    .describe(
      "The exit code `fivetran debug` ends with: 0 succeeded, 1 failed, n when the connector called sys.exit(n) or os._exit(n) (the sync stopped there, so status is failed even for 0). Absent for a run stopped from outside.",
    ),
  engine: z.enum(["embedded", "sdk"]).optional().describe("embedded: this server's harness; sdk: the real `fivetran debug` of the installed fivetran-connector-sdk."),
  sdk_version: z.string().optional().describe("SDK version that ran; the embedded engine reports the version whose behaviour it has (3.0.0)."),
  python: z.string().optional().describe("Python version that ran the connector."),
  duration_ms: z.number().optional().describe("Wall time of the sync in milliseconds."),
  elapsed_ms: z.number().optional().describe("While running: milliseconds since the run started."),
  counts: countsSchema.optional(),
  rows_per_table: z.record(z.string(), z.number()).optional().describe("Rows in each destination table after the run (committed rows only, soft-deleted included)."),
  written_per_table: z
    .record(z.string(), z.object(rowCountFields))
    .optional()
    .describe("What this run sent to each table (embedded engine); rows_per_table is the warehouse total. After a failure, rows past the last checkpoint were rolled back."),
  state: z.record(z.string(), z.unknown()).optional().describe("The state the last checkpoint committed (files/state.json); secrets masked."),
  warnings: z.array(z.string()).optional().describe("Warnings from the SDK checks and op.warning()."),
  error: z
    .object({
      kind: z
        .enum(SYNC_ERROR_KINDS)
        .describe(
          "configuration, state, schema, import, syntax, no_connector, connector_exception, operation, serialization, exit, timeout, cancelled, interrupted, memory (memory_limit_mb, out of memory, or past fivetran debug's 4 GB), output_limit (printed more than 100 MB), internal.",
        ),
      ...errorWhereFields,
      exception_type: z.string().optional().describe("The Python exception's class (KeyError, HTTPError, ...), when the connector raised one."),
      hint: z.string().optional().describe("What to do next."),
    })
    .optional()
    .describe("Set when the sync did not succeed. Rows after the last checkpoint were rolled back."),
  log_tail: z.array(z.string()).optional().describe("The last connector log lines (log.*, print, stderr), secrets masked."),
  warehouse_path: z.string().optional().describe("files/warehouse.db; inspect with query_warehouse or describe_warehouse."),
  state_path: z.string().optional().describe("files/state.json."),
  peak_rss_mb: z.number().optional().describe("Peak resident memory of the connector process, MiB."),
  containment: z
    .enum(["pid_namespace", "process_group_subreaper", "process_group"])
    .optional()
    .describe(
      "What held the connector's processes: pid_namespace (its own PID namespace and /proc: it could see no other process, and nothing it started outlived the run), process_group_subreaper (Linux without user namespaces: its own process group under a subreaper), process_group (other platforms).",
    ),
  proof: z
    .object({
      mode: z.enum(["live", "record", "replay"]).describe("record: the network, kept; replay: the recording answered."),
      recording: z.string().optional().describe("Name under files/recordings/."),
      requests: z.number().describe("HTTP requests the connector made."),
      hosts: z.record(z.string(), z.number()).describe("Requests per host (masked when the host is a configuration value)."),
      faults: z.array(z.object({ kind: z.string(), request: z.number(), method: z.string(), url: z.string() })).describe("Faults injected, at which request."),
      sleeps: z.array(z.number()).describe("Seconds the connector asked time.sleep() for (backoff)."),
      checkpoints: z.number().describe("Checkpoints seen by the harness."),
      cursor_regressions: z.array(z.object({ checkpoint: z.number(), path: z.string() })).describe("State values that went backwards between checkpoints."),
      crashed: z.object({ after_checkpoint: z.number().optional(), at_operation: z.number().optional() }).optional().describe("Where the run was killed on purpose."),
      looped: z.object({ method: z.string(), url: z.string() }).optional().describe("The request repeated past the loop limit."),
      unrecorded: z
        .array(z.object({ method: z.string(), url: z.string(), closest: z.string().nullable() }))
        .optional()
        .describe("Requests a replay did not have."),
      log: z
        .array(z.object({ i: z.number(), method: z.string(), url: z.string(), status: z.number().optional(), fault: z.string().optional() }))
        .describe("Requests in order, secrets masked (first 500)."),
    })
    .optional()
    .describe("With record or replay: what the connector did over HTTP (src/proof/)."),
};

/** The result fields shared by run_debug, run_status and cancel_run. */
export const runResultShape = {
  ...syncResultShape,
  run_id: z.string().describe("Id of this run, for run_status and cancel_run."),
};

export type SyncData = z.infer<z.ZodObject<typeof syncResultShape>>;
export type RunToolData = z.infer<z.ZodObject<typeof runResultShape>>;
export type CountsData = z.infer<typeof countsSchema>;

export function countsData(c: OperationCounts): CountsData {
  return {
    upserts: c.upserts,
    updates: c.updates,
    deletes: c.deletes,
    truncates: c.truncates,
    schema_changes: c.schemaChanges,
    checkpoints: c.checkpoints,
    file_uploads: c.fileUploads,
  };
}

/** A finished sync in the wire shape. */
/** A run's error in the wire shape, for a sync (run_debug) and for the setup tests alike. */
export function runErrorData(e: RunError) {
  return { kind: e.kind, message: e.message, file: e.file, line: e.line, traceback_tail: e.tracebackTail, exception_type: e.exceptionType, hint: e.hint };
}

export function syncData(r: RunResult): SyncData {
  return {
    status: r.status,
    exit_code: r.exitCode,
    engine: r.engine,
    sdk_version: r.sdkVersion,
    python: r.python,
    duration_ms: r.durationMs,
    counts: countsData(r.counts),
    rows_per_table: r.rowsPerTable,
    written_per_table: r.writtenPerTable,
    state: r.state,
    warnings: r.warnings,
    error: r.error && runErrorData(r.error),
    log_tail: r.logTail,
    warehouse_path: r.warehousePath,
    state_path: r.statePath,
    peak_rss_mb: r.peakRssMb,
    containment: r.containment,
    ...(r.proof ? { proof: r.proof } : {}),
  };
}

export function resultData(runId: string, r: RunResult): RunToolData {
  return { ...syncData(r), run_id: runId };
}

export function runningData(runId: string, c: OperationCounts, elapsedMs: number): RunToolData {
  return { status: "running", run_id: runId, counts: countsData(c), elapsed_ms: elapsedMs };
}

export function runningSummary(runId: string, c: OperationCounts, elapsedMs: number): string {
  return `Sync still running after ${Math.round(elapsedMs / 1000)} s (run_id ${runId}; ${c.upserts} upserts, ${c.checkpoints} checkpoints so far). Call run_status with this run_id to wait for the result, or cancel_run to stop it.`;
}

/** Waits up to `ms` for a run, reporting progress; the run goes on when the wait ends. */
export async function waitFor<T>(done: Promise<T>, ms: number, signal: AbortSignal): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      done,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
      }),
      new Promise<undefined>((resolve) => {
        onAbort = () => resolve(undefined);
        if (signal.aborted) resolve(undefined);
        else signal.addEventListener("abort", onAbort, { once: true });
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}

/** Turns operation counts into a progress report (the tool context's `progress`). */
export function progressOf(reporter: { progress(progress: number, total?: number, message?: string): void }): (c: OperationCounts) => void {
  return (c) => {
    const ops = c.upserts + c.updates + c.deletes + c.truncates;
    reporter.progress(ops, undefined, `${c.upserts} upserts, ${c.updates} updates, ${c.deletes} deletes, ${c.truncates} truncates, ${c.checkpoints} checkpoints`);
  };
}

/**
 * Passes connector log lines on to the client at a bounded rate (a burst, then so many a second): a connector that
 * prints in a loop would otherwise send the client one notification per line, hundreds of thousands of them.
 */
export function rateLimitedLog(send: (level: string, message: string) => void, burst = 500, perSecond = 100): (level: string, message: string) => void {
  let tokens = burst;
  let last = Date.now();
  let dropped = 0;
  let warned = false;
  let lastNotice = 0;
  return (level, message) => {
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    if (tokens < 1) {
      dropped++;
      if (!warned) {
        warned = true;
        send("WARNING", `The connector logs more than ${perSecond} lines a second; further lines are not forwarded until it slows down (the result's log_tail keeps the last ones).`);
      }
      return;
    }
    tokens -= 1;
    // The count of lines left out goes with a forwarded line at most once a second, and costs a token too: with
    // a notice per line the client got two notifications per token.
    if (dropped > 0 && now - lastNotice >= 1000) {
      send("WARNING", `${dropped} connector log line(s) were not forwarded.`);
      dropped = 0;
      lastNotice = now;
      tokens -= 1;
    }
    send(level, message);
  };
}

const CHECKPOINT_LINE = "sdk: checkpoint recorded: ";

/**
 * Coalesces the runner's own "checkpoint recorded" lines into at most one notification every `everyMs`: a connector
 * that checkpoints per row sent one per checkpoint (366 in 20 s), crowding out its own log lines. The skipped ones
 * are counted in the next one sent; every line still reaches the result's log_tail.
 */
export function coalescedCheckpointLog(send: (level: string, message: string) => void, everyMs = 2_000): (level: string, message: string) => void {
  let lastSent = 0;
  let skipped = 0;
  return (level, message) => {
    if (!message.startsWith(CHECKPOINT_LINE)) {
      send(level, message);
      return;
    }
    const now = Date.now();
    if (now - lastSent < everyMs) {
      skipped++;
      return;
    }
    lastSent = now;
    send(level, skipped ? `${message} (and ${skipped} earlier checkpoint(s) since the last notice)` : message);
    skipped = 0;
  };
}

export function unknownRun(runId: string): ToolError {
  return new ToolError("not_found", `No run with id ${runId}.`, "Use the run_id run_debug returned; runs are kept for 3 days (the last 50). Start a new sync with run_debug.", runId);
}

/**
 * Security: the run history is per user, not per workspace; a run of a folder outside this server's workspace is
 * answered as unknown rather than shown.
 */
export async function checkStoredInWorkspace(rec: RunRecord, workspace: Workspace): Promise<void> {
  try {
    await workspace.projectDir(rec.projectDir, false);
  } catch {
    throw unknownRun(rec.runId);
  }
}

/** The error a run that could not start raised, rebuilt from what the registry or the history kept of it. */
export function startErrorOf(e: { code: string; message: string; hint?: string }): ToolError {
  return new ToolError(errorCodeOf(e.code), e.message, e.hint);
}

/** The answer for a run kept in the history: its result, the interruption, or (another server's) progress. */
export function storedAnswer(runId: string, rec: RunRecord): { summary: string; data: RunToolData } {
  if (rec.status === "interrupted") return interruptedAnswer(runId, rec);
  if (rec.result) return { summary: summarize(rec.result), data: resultData(runId, rec.result) };
  if (rec.startError) throw startErrorOf(rec.startError);
  if (rec.status === "running") {
    const elapsedMs = Date.now() - Date.parse(rec.startedAt);
    return {
      summary: `${runningSummary(runId, rec.counts, elapsedMs)} (It runs in another server process, pid ${rec.server.pid}.)`,
      data: runningData(runId, rec.counts, elapsedMs),
    };
  }
  // A final status without a result cannot be written by this version; say so rather than guess.
  throw new ToolError("internal", `The record of run ${runId} says ${rec.status} but holds no result.`, "Run run_debug again.", runId);
}

function interruptedAnswer(runId: string, rec: RunRecord): { summary: string; data: RunToolData } {
  const why = rec.interruption ?? { message: "The server stopped while this sync was running.", hint: "Run run_debug again." };
  const ended = Date.parse(rec.endedAt ?? rec.updatedAt);
  const elapsedMs = Math.max(0, (Number.isFinite(ended) ? ended : Date.now()) - Date.parse(rec.startedAt));
  const r = rec.result;
  const counts = r?.counts ?? rec.counts;
  const data: RunToolData = {
    // What the run's own result says, when it arrived before the server exited (rows and state committed).
    ...(r ? syncData(r) : {}),
    status: "interrupted",
    run_id: runId,
    ...(r ? {} : rec.engine !== "auto" ? { engine: rec.engine } : {}),
    counts: countsData(counts),
    elapsed_ms: elapsedMs,
    error: { kind: "interrupted", message: why.message, hint: why.hint },
    warehouse_path: r?.warehousePath ?? warehouseFile(rec.projectDir),
    state_path: r?.statePath ?? stateFile(rec.projectDir),
  };
  return {
    summary: `Run ${runId} was interrupted after ${Math.round(elapsedMs / 1000)} s (${counts.upserts} upserts, ${counts.checkpoints} checkpoints reported). ` + `${why.message} ${why.hint}`,
    data,
  };
}
