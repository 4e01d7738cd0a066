import { z } from "zod";
import { jsonObjectInput } from "../src/mcp/json-object.js";
import { assertStateObject } from "../src/state/index.js";
import { ToolError } from "../src/errors.js";
import { openProject, projectDirInput } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { cancelRun, startRun, summarize } from "../src/runner/index.js";
import { coalescedCheckpointLog, progressOf, rateLimitedLog, resultData, runResultShape, runningData, runningSummary, waitFor } from "../src/runner/run-result.js";
import { buildReceipt, isClean, packageVersion, writeReceipt } from "../src/proof/index.js";
import { readConfiguration } from "../src/runner/configuration-file.js";

export const runDebug = defineTool({
  name: "run_debug",
  title: "Run connector (fivetran debug)",
  description:
    "Runs the connector once like `fivetran debug`: schema() and update() write files/warehouse.db (DuckDB) and the last " +
    "checkpointed state to files/state.json, where the next run continues (reset=true starts clean). Returns counts, " +
    "rows per table, state, warnings, and on failure the error kind, message, file:line and traceback tail. Past " +
    "wait_seconds: status 'running' and a run_id for run_status and cancel_run.",
  input: {
    project_dir: projectDirInput,
    configuration: jsonObjectInput().optional().describe("Used instead of configuration.json (string values)."),
    state: jsonObjectInput().optional().describe("State to start from instead of files/state.json."),
    reset: z.boolean().default(false).describe("Delete the warehouse and the state first (like `fivetran reset`)."),
    engine: z.enum(["auto", "embedded", "sdk"]).default("auto").describe("auto: the real SDK if installed, else embedded."),
    naming: z.enum(["fivetran", "source"]).optional().describe("As `fivetran debug --naming`."),
    python: z.string().optional().describe("Python to use; default: FIVETRAN_CONNECTOR_PYTHON, the folder's .venv, python3."),
    timeout_seconds: z.coerce.number().int().min(1).max(86_400).default(600).describe("Stop the sync after this many seconds."),
    memory_limit_mb: z.coerce.number().int().min(16).optional().describe("Memory cap in MB; Fivetran's is 1024."),
    record: z.string().optional().describe("Record HTTP exchanges (secrets masked) into files/recordings/<record>/."),
    replay: z.string().optional().describe("Serve HTTP from files/recordings/<replay>/, not the network, on the recording's clock."),
    receipt: z.boolean().default(false).describe("Write files/receipt.json and receipt.md (versions, hashes, counts)."),
    wait_seconds: z.coerce.number().min(0).max(55).default(20).describe("Seconds to wait before returning a run_id."),
  },
  output: { ...runResultShape, receipt_path: z.string().optional().describe("With receipt: where files/receipt.json was written.") },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handle(args, ctx) {
    const project = await openProject(ctx, args.project_dir);
    const projectDir = project.root;
    // The same bound as set_state: a starting state over Fivetran's 10 MB is refused before anything runs.
    if (args.state !== undefined) assertStateObject(args.state, "state");
    // A receipt says whether the run started clean: a check can only re-run one that did.
    const startedClean = args.reset || isClean(projectDir);
    const handle = startRun({
      projectDir,
      configuration: args.configuration,
      state: args.state,
      reset: args.reset,
      engine: args.engine,
      naming: args.naming,
      python: args.python,
      timeoutSeconds: args.timeout_seconds,
      memoryLimitMb: args.memory_limit_mb,
      record: args.record,
      replay: args.replay,
      onProgress: progressOf(ctx),
      onLog: coalescedCheckpointLog(
        rateLimitedLog((level, message) =>
          ctx.log(level === "WARNING" ? "warning" : /SEVERE|ERROR|CRITICAL/.test(level) ? "error" : level === "DEBUG" || level === "FINE" ? "debug" : "info", message),
        ),
      ),
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
    const cancel = () => void cancelRun(handle.runId).catch(() => {});
    ctx.signal.addEventListener("abort", cancel, { once: true });
    try {
      const r = await waitFor(handle.done, args.wait_seconds * 1000, ctx.signal);
      if (ctx.signal.aborted) {
        const final = await handle.done;
        return { summary: summarize(final), data: resultData(handle.runId, final) };
      }
      if (!r) {
        const s = handle.status();
        return { summary: runningSummary(handle.runId, s.counts, s.elapsedMs), data: runningData(handle.runId, s.counts, s.elapsedMs) };
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
