import { z } from "zod";
import { ToolError } from "../src/errors.js";
import { defineTool, type ToolContext } from "../src/mcp/tool.js";
import { startRun, summarize, type RunResult } from "../src/runner/index.js";
import { buildReceipt, isClean, packageVersion, writeReceipt } from "../src/proof/index.js";
import { readConfiguration } from "../src/runner/sink.js";
import type { OperationCounts } from "../src/runner/types.js";

const counts = z
  .object({
    upserts: z.number().describe("op.upsert calls."),
    updates: z.number().describe("op.update calls."),
    deletes: z.number().describe("op.delete calls."),
    truncates: z.number().describe("op.truncate calls."),
    schemaChanges: z.number().describe("Tables declared by schema() (what the SDK counts as schema changes)."),
    checkpoints: z.number().describe("op.checkpoint calls that were committed."),
    fileUploads: z.number().optional().describe("Files stored by upsert/update with file=."),
  })
  .describe("Operation counts, as in the SDK's SYNC PROGRESS table.");

/** The result fields shared by run_debug, run_status and cancel_run. */
export const runResultShape = {
  status: z
    .enum(["running", "succeeded", "failed", "cancelled", "timeout", "interrupted"])
    .describe("running: poll run_status with run_id. failed/timeout: read error. interrupted: the server stopped during the run; run_debug again continues from the last checkpoint."),
  run_id: z.string().describe("Id of this run, for run_status and cancel_run."),
  engine: z.enum(["embedded", "sdk"]).optional().describe("embedded: this server's harness; sdk: the real `fivetran debug` of the installed fivetran-connector-sdk."),
  sdkVersion: z.string().optional().describe("SDK version that ran (the shim reports 3.0.0+embedded)."),
  python: z.string().optional().describe("Python version that ran the connector."),
  durationMs: z.number().optional().describe("Wall time of the sync in milliseconds."),
  elapsedMs: z.number().optional().describe("While running: milliseconds since the run started."),
  counts: counts.optional(),
  rowsPerTable: z.record(z.string(), z.number()).optional().describe("Rows in each destination table after the run (committed rows only, soft-deleted included)."),
  state: z.record(z.string(), z.unknown()).optional().describe("The state the last checkpoint committed (files/state.json); secrets masked."),
  warnings: z.array(z.string()).optional().describe("Warnings from the SDK checks and op.warning()."),
  error: z
    .object({
      kind: z.string().describe("configuration, state, schema, import, syntax, no_connector, connector_exception, serialization, exit, timeout, cancelled, interrupted, memory (memory_limit_mb or out of memory), output_limit (printed more than 100 MB), operation, internal."),
      message: z.string().describe("What failed, in the SDK's words where it has them; secrets masked."),
      file: z.string().optional().describe("File of the innermost frame in the connector's own code."),
      line: z.number().optional().describe("Line in that file."),
      tracebackTail: z.string().optional().describe("The last lines of the traceback."),
      hint: z.string().optional().describe("What to do next."),
    })
    .optional()
    .describe("Set when the sync did not succeed. Rows after the last checkpoint were rolled back."),
  logTail: z.array(z.string()).optional().describe("The last connector log lines (log.*, print, stderr), secrets masked."),
  warehousePath: z.string().optional().describe("files/warehouse.db; inspect with query_warehouse or describe_warehouse."),
  statePath: z.string().optional().describe("files/state.json."),
  peakRssMb: z.number().optional().describe("Peak resident memory of the connector process, MiB."),
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
      unrecorded: z.array(z.object({ method: z.string(), url: z.string(), closest: z.string().nullable() })).optional().describe("Requests a replay did not have."),
      log: z.array(z.object({ i: z.number(), method: z.string(), url: z.string(), status: z.number().optional(), fault: z.string().optional() })).describe("Requests in order, secrets masked (first 500)."),
    })
    .optional()
    .describe("With record or replay: what the connector did over HTTP."),
  receipt_path: z.string().optional().describe("With receipt: where files/receipt.json was written."),
};

export type RunToolData = { status: "running" | "interrupted" | RunResult["status"]; run_id: string } & Omit<Partial<RunResult>, "status" | "error"> & {
  elapsedMs?: number;
  error?: Omit<NonNullable<RunResult["error"]>, "kind"> & { kind: string };
};

export function resultData(runId: string, r: RunResult): RunToolData {
  return { ...r, run_id: runId };
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
        signal.addEventListener("abort", onAbort, { once: true });
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}

export function progressOf(ctx: ToolContext) {
  return (c: OperationCounts) => {
    const ops = c.upserts + c.updates + c.deletes + c.truncates;
    ctx.progress(ops, undefined, `${c.upserts} upserts, ${c.updates} updates, ${c.deletes} deletes, ${c.truncates} truncates, ${c.checkpoints} checkpoints`);
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
        send("WARNING", `The connector logs more than ${perSecond} lines a second; further lines are not forwarded until it slows down (the result's logTail keeps the last ones).`);
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

export const runDebug = defineTool({
  name: "run_debug",
  title: "Run connector (fivetran debug)",
  description:
    "Runs the connector once like `fivetran debug`: schema() and update() write files/warehouse.db (DuckDB) and the last " +
    "checkpointed state to files/state.json; the next run continues from it, reset=true starts clean. Returns counts, rows per " +
    "table, state, warnings and, on failure, the error kind, message, file:line and traceback tail. " +
    "Past wait_seconds it returns status 'running' and a run_id: poll run_status, stop with cancel_run. Next: describe_warehouse.",
  input: {
    project_dir: z.string().optional().describe("Connector folder (holds connector.py). Defaults to the workspace root."),
    configuration: z.record(z.string(), z.unknown()).optional().describe("Configuration to use instead of configuration.json (values must be strings)."),
    state: z.record(z.string(), z.unknown()).optional().describe("State to start from instead of files/state.json."),
    reset: z.boolean().default(false).describe("Delete the warehouse and the state first (like `fivetran reset`)."),
    engine: z.enum(["auto", "embedded", "sdk"]).default("auto").describe("auto: real SDK 3.x if installed for the Python, else embedded. sdk: require the real `fivetran debug`."),
    python: z.string().optional().describe("Python interpreter to run the connector; default: FIVETRAN_CONNECTOR_PYTHON, the folder's .venv, then python3."),
    timeout_seconds: z.coerce.number().int().min(1).max(86_400).default(600).describe("Stop the sync after this many seconds (kind timeout)."),
    memory_limit_mb: z.coerce.number().int().min(16).optional().describe("Memory cap in MB (kind memory); Fivetran's is 1024."),
    record: z.string().optional().describe("Record every HTTP exchange (requests, urllib3, http.client, urllib; no code change), secrets masked, into files/recordings/<record>/. Embedded engine."),
    replay: z.string().optional().describe("Answer HTTP requests from files/recordings/<replay>/ instead of the network; an unrecorded request fails with the closest recorded one. Time starts at the recording's, so replays repeat exactly. Embedded engine."),
    receipt: z.boolean().default(false).describe("Write a run receipt (files/receipt.json and files/receipt.md: versions, hosts, operations, state and table hashes, lint digest) when the run ends; check it with check_receipt."),
    wait_seconds: z.coerce.number().min(0).max(55).default(20).describe("How long to wait for the result before returning a run_id (clients time out near 60 s)."),
  },
  output: runResultShape,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handle(args, ctx) {
    const projectDir = await ctx.workspace.projectDir(args.project_dir);
    // A receipt says whether the run started clean: a check can only re-run one that did.
    const startedClean = args.reset || isClean(projectDir);
    const handle = startRun({
      projectDir,
      configuration: args.configuration,
      state: args.state,
      reset: args.reset,
      engine: args.engine,
      python: args.python,
      timeoutSeconds: args.timeout_seconds,
      memoryLimitMb: args.memory_limit_mb,
      record: args.record,
      replay: args.replay,
      onProgress: progressOf(ctx),
      onLog: rateLimitedLog((level, message) => ctx.log(level === "WARNING" ? "warning" : /SEVERE|ERROR|CRITICAL/.test(level) ? "error" : level === "DEBUG" || level === "FINE" ? "debug" : "info", message)),
    });
    const receipt = args.receipt
      ? handle.done.then(async (r) => {
          const rc = await buildReceipt({ projectDir, result: r, startedClean, version: packageVersion(), configuration: args.configuration ?? readConfiguration(projectDir) });
          return (await writeReceipt(projectDir, rc)).json;
        })
      : undefined;
    // Written even when the run outlives this call; a failure to write it is not the run's.
    receipt?.catch(() => {});
    // A client that cancels this call cancels the sync it started (only while it waits for it).
    const cancel = () => void import("../src/runner/index.js").then((m) => m.cancelRun(handle.runId)).catch(() => {});
    ctx.signal.addEventListener("abort", cancel, { once: true });
    try {
      const r = await waitFor(handle.done, args.wait_seconds * 1000, ctx.signal);
      if (ctx.signal.aborted) {
        const final = await handle.done;
        return { summary: summarize(final), data: resultData(handle.runId, final) };
      }
      if (!r) {
        const s = handle.status();
        return { summary: runningSummary(handle.runId, s.counts, s.elapsedMs), data: { status: "running" as const, run_id: handle.runId, counts: s.counts, elapsedMs: s.elapsedMs } };
      }
      const receiptPath = receipt ? await receipt.catch(() => undefined) : undefined;
      return { summary: summarize(r), data: { ...resultData(handle.runId, r), ...(receiptPath ? { receipt_path: receiptPath } : {}) } };
    } catch (e) {
      throw e instanceof ToolError ? e : new ToolError("internal", (e as Error).message);
    } finally {
      ctx.signal.removeEventListener("abort", cancel);
    }
  },
});
