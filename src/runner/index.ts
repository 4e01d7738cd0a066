import { randomUUID } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { ToolError } from "../errors.js";
import { Redactor } from "../workspace/redact.js";
import { RunTracker } from "./context.js";
import { runEmbedded } from "./embedded.js";
import { connectorEnv } from "./env.js";
import { DEFAULT_OUTPUT_LIMIT_BYTES } from "./process.js";
import { probePython, resolvePython, sdkMajor } from "./python.js";
import { zeroCounts } from "./report.js";
import { runSdk } from "./sdk.js";
import { openWarehouse, readConfiguration, readStartState, stateFile, warehouseFile, type SinkOpener } from "./sink.js";
import type { EngineName, OperationCounts, RunOptions, RunResult } from "./types.js";

export type { RunOptions, RunResult } from "./types.js";
export { summarize, syncProgressBlock, countsTable } from "./report.js";

export const DEFAULT_TIMEOUT_SECONDS = 600;

/** Test seam: the warehouse opener (the real WarehouseWriter unless a test says otherwise). */
let opener: SinkOpener = openWarehouse;
export function setWarehouseOpener(o: SinkOpener | undefined): void {
  opener = o ?? openWarehouse;
}

/** Checks the folder before anything runs: these are usage errors, not failed syncs. */
function checkProject(projectDir: string): void {
  if (!existsSync(projectDir) || !statSync(projectDir).isDirectory()) {
    throw new ToolError("not_found", `The connector folder ${projectDir} does not exist.`, "Pass the folder that holds connector.py, or create one with scaffold.", projectDir);
  }
  if (!existsSync(join(projectDir, "connector.py"))) {
    throw new ToolError(
      "not_found",
      `connector.py not found in ${projectDir}; this file is required to start a sync.`,
      "Create connector.py in this folder (scaffold does it), or pass the folder that holds it. The name must be lowercase.",
      projectDir,
    );
  }
}

/** Runs one sync to the end and returns its result. Usage errors (no folder, locked warehouse...) throw ToolError. */
export async function runSync(opts: RunOptions): Promise<RunResult> {
  const projectDir = opts.projectDir;
  checkProject(projectDir);
  const env = connectorEnv();
  const python = resolvePython(projectDir, opts.python);
  const info = await probePython(python, env);
  const choice = opts.engine ?? "auto";
  let engine: EngineName;
  if (choice === "sdk") {
    if (!info.sdkVersion || !info.fivetranBin) {
      throw new ToolError(
        "sdk_not_installed",
        `fivetran-connector-sdk is not installed for ${python}${info.sdkVersion ? " (no `fivetran` command next to it)" : ""}.`,
        `Install it (${python} -m pip install fivetran-connector-sdk), pass python pointing at a venv that has it, or use engine "embedded".`,
        python,
      );
    }
    engine = "sdk";
  } else if (choice === "embedded") {
    engine = "embedded";
  } else {
    engine = info.sdkVersion && sdkMajor(info.sdkVersion) >= 3 && info.fivetranBin ? "sdk" : "embedded";
  }

  const configuration = readConfiguration(projectDir, opts.configuration);
  const redactor = new Redactor(configuration && typeof configuration === "object" && !Array.isArray(configuration) ? configuration : null);
  const tracker = new RunTracker(redactor, opts);
  const timeoutMs = Math.max(1, opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const outputLimitBytes = opts.outputLimitMb !== undefined ? Math.max(0, opts.outputLimitMb) * 1024 * 1024 : DEFAULT_OUTPUT_LIMIT_BYTES;
  const memoryLimitMb = opts.memoryLimitMb && opts.memoryLimitMb > 0 ? opts.memoryLimitMb : undefined;

  if (engine === "sdk") {
    return runSdk({
      projectDir,
      python,
      info,
      env,
      configuration: opts.configuration,
      state: opts.state,
      reset: opts.reset ?? false,
      tracker,
      timeoutMs,
      signal: opts.signal,
      outputLimitBytes,
      memoryLimitMb,
    });
  }

  // Open (and lock) the warehouse before the connector runs: a locked warehouse must not cost a sync.
  const sink = await opener(projectDir, { reset: opts.reset ?? false, onWarning: (m) => tracker.warn(m) });
  try {
    const startState = opts.state ?? (opts.reset ? {} : readStartState(projectDir));
    return await runEmbedded({
      projectDir,
      python,
      pythonVersion: info.version,
      env,
      configuration,
      startState,
      sink,
      tracker,
      timeoutMs,
      signal: opts.signal,
      warehousePath: warehouseFile(projectDir),
      statePath: stateFile(projectDir),
      outputLimitBytes,
      memoryLimitMb,
    });
  } finally {
    await sink.close().catch(() => {});
  }
}

// ---- the run registry: runs that outlive one tool call (run_debug returns a run_id when a sync is long)

export interface RunHandle {
  runId: string;
  done: Promise<RunResult>;
  status(): RunStatus;
}

export interface RunStatus {
  runId: string;
  status: "running" | RunResult["status"];
  projectDir: string;
  startedAt: string;
  elapsedMs: number;
  counts: OperationCounts;
  result?: RunResult;
  /** Set when the run could not start (a usage error such as a locked warehouse). */
  startError?: { code: string; message: string; hint?: string };
}

interface Entry {
  handle: RunHandle;
  abort: AbortController;
  projectDir: string;
  started: number;
  counts: OperationCounts;
  result?: RunResult;
  startError?: ToolError;
  finished?: number;
}

const runs = new Map<string, Entry>();
const KEEP_FINISHED_MS = 60 * 60 * 1000;
const MAX_FINISHED = 50;

function prune(): void {
  const finished = [...runs.values()].filter((e) => e.finished !== undefined).sort((a, b) => a.finished! - b.finished!);
  const now = Date.now();
  for (const [i, e] of finished.entries()) {
    if (now - e.finished! > KEEP_FINISHED_MS || finished.length - i > MAX_FINISHED) runs.delete(e.handle.runId);
  }
}

/** Starts a sync in the background. Only one run per connector folder at a time. */
export function startRun(opts: RunOptions): RunHandle {
  prune();
  for (const e of runs.values()) {
    if (e.finished === undefined && e.projectDir === opts.projectDir) {
      throw new ToolError("locked", `A sync of ${opts.projectDir} is already running (run_id ${e.handle.runId}).`, "Wait for it with run_status, or stop it with cancel_run, then run again.", e.handle.runId);
    }
  }
  const runId = randomUUID();
  const abort = new AbortController();
  if (opts.signal) {
    if (opts.signal.aborted) abort.abort();
    else opts.signal.addEventListener("abort", () => abort.abort(), { once: true });
  }
  const entry: Entry = { abort, projectDir: opts.projectDir, started: Date.now(), counts: zeroCounts() } as Entry;
  const done = runSync({
    ...opts,
    signal: abort.signal,
    onProgress: (c) => {
      entry.counts = c;
      opts.onProgress?.(c);
    },
  }).then(
    (r) => {
      entry.result = r;
      entry.counts = r.counts;
      entry.finished = Date.now();
      return r;
    },
    (e: unknown) => {
      entry.startError = e instanceof ToolError ? e : new ToolError("internal", e instanceof Error ? e.message : String(e));
      entry.finished = Date.now();
      throw entry.startError;
    },
  );
  // A run nobody awaits must not become an unhandled rejection.
  done.catch(() => {});
  entry.handle = {
    runId,
    done,
    status: () => ({
      runId,
      status: entry.result ? entry.result.status : entry.startError ? "failed" : "running",
      projectDir: entry.projectDir,
      startedAt: new Date(entry.started).toISOString(),
      elapsedMs: (entry.finished ?? Date.now()) - entry.started,
      counts: { ...entry.counts },
      ...(entry.result ? { result: entry.result } : {}),
      ...(entry.startError ? { startError: { code: entry.startError.code, message: entry.startError.message, hint: entry.startError.hint } } : {}),
    }),
  };
  runs.set(runId, entry);
  return entry.handle;
}

export function getRun(runId: string): RunHandle | undefined {
  return runs.get(runId)?.handle;
}

/** Cancels a running sync; resolves with its final result (status "cancelled" unless it had already ended). */
export async function cancelRun(runId: string): Promise<RunResult | undefined> {
  const e = runs.get(runId);
  if (!e) {
    throw new ToolError("not_found", `No run with id ${runId}.`, "Use the run_id that run_debug returned; finished runs are kept for an hour.", runId);
  }
  e.abort.abort();
  try {
    return await e.handle.done;
  } catch {
    return undefined;
  }
}
