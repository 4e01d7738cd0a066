import { nestedPast, PYTHON_RECURSION_LIMIT } from "./json-depth.js";
import { randomUUID } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { ToolError } from "../errors.js";
import { FILES_DIR, STATE_FILE } from "../warehouse/files.js";
import { ConnectorProject } from "../workspace/project.js";
import { configurationSecrets, Redactor, rememberSecrets } from "../workspace/redact.js";
import { RunTracker } from "./context.js";
import { runEmbedded } from "./embedded.js";
import { connectorEnv } from "./env.js";
import { stdioEncoding } from "../exec/env.js";
import { DEFAULT_OUTPUT_LIMIT_BYTES } from "./process.js";
import { probePython, resolvePython, sdkMajor } from "./python.js";
import { prepareContainment } from "../exec/child.js";
import { zeroCounts } from "./report.js";
import { runSdk } from "./sdk.js";
import { prepareProof, wantsProof } from "../proof/recording.js";
import { recoverStateAside } from "../state/aside.js";
import { claimFiles } from "./files-aside.js";
import { saveRunStartState } from "./run-start.js";
import { HEARTBEAT_MS, INTERRUPTED, loadRecord, newRecord, pruneRecords, saveRecord, type RunRecord } from "./history.js";
import { processStart } from "../process-owner.js";
import { isShuttingDown, onShutdown } from "../lifecycle.js";
import { configurationBytes, configurationForMasking, configurationText, configurationWatch } from "./configuration-file.js";
import { openWarehouse, readStartState, stateFile, warehouseFile, type SinkOpener, type WarehouseSink } from "./sink.js";
import type { EngineName, OperationCounts, RunOptions, RunResult } from "./types.js";

export type { RunOptions, RunResult } from "./types.js";
export type { RunRecord, StoredStatus } from "./history.js";
export { INTERRUPTED, waitForRecord } from "./history.js";
export { summarize, syncProgressBlock, countsTable } from "./report.js";

export const DEFAULT_TIMEOUT_SECONDS = 600;

/** Test seam: the warehouse opener (the real WarehouseWriter unless a test says otherwise). */
let opener: SinkOpener = openWarehouse;
export function setWarehouseOpener(o: SinkOpener | undefined): void {
  opener = o ?? openWarehouse;
}

/**
 * Checks the folder before anything runs: these are usage errors, not failed syncs. The files a run reads or writes
 * (connector.py, configuration.json, files/, its state and database, the upload storage) go through the project
 * layer first, so one that is a link leaving the folder stops the run before Python or DuckDB follows it.
 */
function checkProject(projectDir: string): void {
  if (!existsSync(projectDir) || !statSync(projectDir).isDirectory()) {
    throw new ToolError("not_found", `The connector folder ${projectDir} does not exist.`, "Pass the folder that holds connector.py, or create one with scaffold.", projectDir);
  }
  const project = ConnectorProject.of(projectDir);
  // Security: the layer's checks of a read refuse a link out, a hard link and anything but a regular file.
  if (!project.checkReadable("connector.py")) {
    throw new ToolError(
      "not_found",
      `connector.py not found in ${projectDir}; this file is required to start a sync.`,
      "Create connector.py in this folder (scaffold does it), or pass the folder that holds it. The name must be lowercase.",
      projectDir,
    );
  }
  // Security: the harness (and the real SDK) write under files/ by path; refuse any of these that leads out first.
  // A folder at any of these names (inside the folder) is the sync's to refuse, as `fivetran debug` refuses it once
  // connector.py has loaded: `Configuration path is incorrect`, `State path is incorrect`, and DuckDB's `Is a
  // directory` for files/warehouse.db (572, 581; warehouseFile() lets that folder through).
  if (!project.isFolder("configuration.json")) project.checkReadable("configuration.json");
  if (!project.isFolder(STATE_FILE)) project.checkReadable(STATE_FILE);
  // A file named files (not a link out, checked above) is the sync's to refuse, as `fivetran debug` refuses it once
  // connector.py has loaded: `[Errno 17] File exists` (431).
  project.resolve(`${FILES_DIR}/storage`);
  warehouseFile(project);
}

/** Runs one sync to the end and returns its result. Usage errors (no folder, locked warehouse...) throw ToolError. */
export async function runSync(opts: RunOptions): Promise<RunResult> {
  const projectDir = opts.projectDir;
  checkProject(projectDir);
  // A real-SDK run with a state override whose process died (a server killed mid-run) left the override in
  // files/state.json and the previous state aside; whichever engine runs next starts from the previous one.
  recoverStateAside(projectDir);
  // Likewise a server killed during evaluate_connector left the folder's own files/ aside.
  // While an evaluation runs, files/ is its scratch copy: another run would sync into it and be thrown away.
  if (!opts.keepFilesAside) claimFiles(projectDir);
  // diff_state's default "before": what this run starts from (after set_state, the state set). Failing to keep it
  // must not stop the sync.
  saveRunStartState(projectDir, { override: opts.state, reset: opts.reset });
  const env = connectorEnv();
  const python = resolvePython(projectDir, opts.python);
  const choice = opts.engine ?? "auto";
  // Whether the kernel allows the connector a PID namespace is asked once per process, in the background: started
  // now, it is answered while the rest starts (DuckDB loading, Python being asked what it is).
  void prepareContainment(python);
  if (choice !== "sdk") import("../warehouse/writer.js").catch(() => {});
  if (wantsProof(opts)) {
    // The HTTP hooks live in our harness: `fivetran debug` cannot record, replay or inject.
    if (choice === "sdk") throw new ToolError("invalid_argument", "record, replay, faults and crash points need the embedded engine.", 'Use engine "auto" or "embedded" with them.', "engine");
    return runEmbeddedEngine(opts, python, env);
  }
  // The embedded engine's harness says itself which Python it runs on (ftmcp_boot.py): no separate start of the
  // interpreter to ask it (a pyenv shim costs ~300 ms a start).
  if (choice === "embedded") return runEmbeddedEngine(opts, python, env);
  // auto and sdk need to know whether the real SDK is installed for this Python.
  const info = await probePython(python, env);
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
  } else {
    engine = info.sdkVersion && sdkMajor(info.sdkVersion) >= 3 && info.fivetranBin ? "sdk" : "embedded";
  }

  if (engine === "embedded") return runEmbeddedEngine(opts, python, env);
  // `fivetran debug`'s print() encodes with the handler its Python picks from the locale, which PYTHONIOENCODING=utf-8
  // alone would make strict (fidelity 430; the harness does the same for itself).
  if (stdioEncoding().fromLocale && (info.stdioErrors === "strict" || info.stdioErrors === "surrogateescape")) env.PYTHONIOENCODING = `utf-8:${info.stdioErrors}`;
  // The configuration is read here too: an unreadable configuration.json is the same usage error for both engines.
  const { tracker, timeoutMs, outputLimitBytes, memoryLimitMb } = runSettings(opts);
  // Security: configuration.json as the SDK read it after the import (connector.py may have written it as it loaded):
  // its secrets are masked too, beside those of the file as it was before the run, as with the embedded engine.
  const beforeLine =
    opts.configuration === undefined
      ? configurationWatch(projectDir, (text) => {
          tracker.redactor = tracker.redactor.withConfiguration(asObject(configurationForMasking(text)));
        })
      : undefined;
  const result = await runSdk({
    beforeLine,
    projectDir,
    python,
    info,
    env,
    configuration: opts.configuration,
    state: opts.state,
    reset: opts.reset ?? false,
    naming: opts.naming,
    tracker,
    timeoutMs,
    signal: opts.signal,
    outputLimitBytes,
    memoryLimitMb,
  });
  // Security: the whole result passes the run's redactor once more (messages built outside the tracker included),
  // the redactor as it is after the run: `tracker.redactor.redactValue(await …)` would take the one before it.
  return tracker.redactor.redactValue(result);
}

function readConfigurationOrNull(projectDir: string): unknown {
  try {
    return configurationForMasking(configurationText(projectDir)) ?? null;
  } catch {
    return null;
  }
}

function readStateOrEmpty(projectDir: string): Record<string, unknown> {
  try {
    const state = readStartState(projectDir);
    // Display only (the harness reads the file's text): a state nested deeper than Python's json can read (the SDK
    // fails on it) would overflow the stack of the recursive walks that mask and serialise it.
    return nestedPast(state, PYTHON_RECURSION_LIMIT) ? {} : state;
  } catch {
    return {};
  }
}

const asObject = (c: unknown) => (c && typeof c === "object" && !Array.isArray(c) ? (c as Record<string, unknown>) : null);

/** What both engines take from the options: the configuration, the tracker with its redactor, the limits. */
function runSettings(opts: RunOptions) {
  // Both the harness and the real SDK read configuration.json themselves, once connector.py has loaded. Node reads it
  // before the run only to mask its values (the harness says what it read then, see onConfiguration).
  const bytes = opts.configuration === undefined ? configurationBytes(opts.projectDir) : undefined;
  const configuration = opts.configuration ?? configurationForMasking(bytes?.toString("utf8"));
  // Security: an override's secrets are remembered (in memory only) so later calls that read this run's state or
  // record mask them too; the file's secrets stay masked as well, since a connector may read the file itself.
  if (opts.configuration !== undefined) rememberSecrets(asObject(configuration));
  const fileSecrets = opts.configuration !== undefined ? configurationSecrets(asObject(readConfigurationOrNull(opts.projectDir))) : [];
  const redactor = new Redactor(asObject(configuration), fileSecrets);
  return {
    configuration,
    tracker: new RunTracker(redactor, opts),
    timeoutMs: Math.max(1, opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    outputLimitBytes: opts.outputLimitMb !== undefined ? Math.max(0, opts.outputLimitMb) * 1024 * 1024 : DEFAULT_OUTPUT_LIMIT_BYTES,
    memoryLimitMb: opts.memoryLimitMb && opts.memoryLimitMb > 0 ? opts.memoryLimitMb : undefined,
  };
}

async function runEmbeddedEngine(opts: RunOptions, python: string, env: Record<string, string>): Promise<RunResult> {
  const projectDir = opts.projectDir;
  const { configuration, tracker, timeoutMs, outputLimitBytes, memoryLimitMb } = runSettings(opts);
  // What files/state.json holds now, shown as the committed state should the run fail before the harness reads it.
  const diskState = opts.reset ? {} : readStateOrEmpty(projectDir);
  const startState = opts.state ?? diskState;
  // Without a state argument or a reset, the harness reads files/state.json itself once connector.py has loaded, as
  // `fivetran debug` reads it, and parses it with Python's json: the state never round-trips through JavaScript
  // numbers. Security: checkProject() has refused a link leaving the folder, a FIFO, a hard link, a file past 64 MB.
  const stateFromDisk = !opts.reset && opts.state === undefined;
  // The warehouse (and files/) is opened only once the harness says the import and the checks passed, as
  // `fivetran debug` opens it: a run refused before leaves none, and what connector.py did to files/ as it loaded is
  // what the sync finds (332, 350). It opens while schema() and update() run; DuckDB itself is loaded meanwhile.
  let opening: Promise<WarehouseSink> | undefined;
  const openSink = () => (opening ??= opener(projectDir, { reset: opts.reset ?? false, naming: opts.naming, onWarning: (m) => tracker.warn(m) }));
  const proof = wantsProof(opts) ? prepareProof(projectDir, configuration, opts) : undefined;
  try {
    const result = await runEmbedded({
      projectDir,
      python,
      env,
      configuration: opts.configuration,
      configurationInline: opts.configuration !== undefined,
      // Security: configuration.json as the harness read it after the import (the connector may have written it as it
      // loaded): its secrets are masked too, beside those of the file as it was before the run.
      onConfiguration: (text) => {
        const read = asObject(configurationForMasking(text));
        tracker.redactor = tracker.redactor.withConfiguration(read);
        proof?.learn(read);
      },
      startState,
      stateFromDisk,
      diskState,
      openSink,
      tracker,
      timeoutMs,
      signal: opts.signal,
      warehousePath: warehouseFile(projectDir),
      statePath: stateFile(projectDir),
      outputLimitBytes,
      memoryLimitMb,
      ...(proof ? { proof: proof.spec } : {}),
    });
    if (proof) result.proof = await proof.finish();
    // Security: the whole result passes the run's redactor once more (messages built outside the tracker included).
    return tracker.redactor.redactValue(result);
  } finally {
    proof?.cleanup();
    const sink = opening;
    if (sink) await sink.then((s) => s.close()).catch(() => {});
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
  /** What the run history keeps on disk for this run (history.ts). */
  record: RunRecord;
  savedAt: number;
}

const runs = new Map<string, Entry>();
const KEEP_FINISHED_MS = 60 * 60 * 1000;
const MAX_FINISHED = 50;
/** Counts in a running record are refreshed at most this often: a record is a file write. */
const SAVE_COUNTS_EVERY_MS = 2_000;

function prune(): void {
  const finished = [...runs.values()].filter((e) => e.finished !== undefined).sort((a, b) => a.finished! - b.finished!);
  const now = Date.now();
  for (const [i, e] of finished.entries()) {
    if (now - e.finished! > KEEP_FINISHED_MS || finished.length - i > MAX_FINISHED) runs.delete(e.handle.runId);
  }
}

function save(e: Entry, patch: Partial<RunRecord> = {}): void {
  e.record = { ...e.record, counts: { ...e.counts }, ...patch };
  e.savedAt = Date.now();
  saveRecord(e.record);
}

/** The record of a run that ended: its result, or why it could not start. */
function saveFinal(e: Entry): void {
  const endedAt = new Date(e.finished ?? Date.now()).toISOString();
  if (e.result) {
    // A sync stopped because this server is shutting down ends "cancelled" in its own result; for whoever asks
    // the next server about it, it was interrupted, and the result says what had been committed.
    const interrupted = e.result.status === "cancelled" && isShuttingDown();
    save(e, { status: interrupted ? "interrupted" : e.result.status, result: e.result, endedAt, ...(interrupted ? { interruption: INTERRUPTED } : {}) });
  } else if (e.startError) {
    save(e, { status: "failed", startError: { code: e.startError.code, message: e.startError.message, ...(e.startError.hint ? { hint: e.startError.hint } : {}) }, endedAt });
  }
}

let shutdownHooked = false;
/**
 * On shutdown the runs still going are recorded as interrupted at once (synchronously): their connectors are
 * being killed, and the process may exit before a result arrives. One that does arrive in time replaces it.
 */
function hookShutdown(): void {
  if (shutdownHooked) return;
  shutdownHooked = true;
  onShutdown(() => {
    for (const e of runs.values()) {
      if (e.finished === undefined) save(e, { status: "interrupted", endedAt: new Date().toISOString(), interruption: INTERRUPTED });
    }
  });
}

/** Starts a sync in the background. Only one run per connector folder at a time. */
export function startRun(opts: RunOptions): RunHandle {
  prune();
  for (const e of runs.values()) {
    if (e.finished === undefined && e.projectDir === opts.projectDir) {
      throw new ToolError(
        "locked",
        `A sync of ${opts.projectDir} is already running (run_id ${e.handle.runId}).`,
        "Wait for it with run_status, or stop it with cancel_run, then run again.",
        e.handle.runId,
      );
    }
  }
  // Settles runs an earlier server left "running" (its connector is stopped, a state override put back) before
  // this run touches the same folder, and keeps the history small.
  pruneRecords();
  hookShutdown();
  const runId = randomUUID();
  const abort = new AbortController();
  if (opts.signal) {
    if (opts.signal.aborted) abort.abort();
    else opts.signal.addEventListener("abort", () => abort.abort(), { once: true });
  }
  const started = Date.now();
  const entry = { abort, projectDir: opts.projectDir, started, counts: zeroCounts(), savedAt: 0 } as Entry;
  entry.record = newRecord(runId, opts.projectDir, opts.engine ?? "auto", started, entry.counts);
  save(entry);
  // Keeps the record fresh while the connector is quiet (see HEARTBEAT_MS): a record nobody refreshes has no server.
  const heartbeat = setInterval(() => {
    if (entry.finished === undefined && Date.now() - entry.savedAt >= HEARTBEAT_MS) save(entry);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const done = runSync({
    ...opts,
    signal: abort.signal,
    onProgress: (c) => {
      entry.counts = c;
      if (entry.finished === undefined && Date.now() - entry.savedAt >= SAVE_COUNTS_EVERY_MS) save(entry);
      opts.onProgress?.(c);
    },
    onSpawn: (pid) => {
      const start = processStart(pid);
      save(entry, { child: start ? { pid, start } : { pid } });
      opts.onSpawn?.(pid);
    },
  }).then(
    (r) => {
      clearInterval(heartbeat);
      entry.result = r;
      entry.counts = r.counts;
      entry.finished = Date.now();
      saveFinal(entry);
      return r;
    },
    (e: unknown) => {
      clearInterval(heartbeat);
      entry.startError = e instanceof ToolError ? e : new ToolError("internal", e instanceof Error ? e.message : String(e));
      entry.finished = Date.now();
      saveFinal(entry);
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

/** A run of this server process (finished ones for an hour). */
export function getRun(runId: string): RunHandle | undefined {
  return runs.get(runId)?.handle;
}

export type RunLookup = { kind: "live"; handle: RunHandle } | { kind: "stored"; record: RunRecord };

/**
 * A run by id: one of this server ("live"), else one kept in the run history ("stored": started by an earlier
 * server, or by another one still running). A stored run whose server is gone is reported as interrupted.
 */
export function findRun(runId: string): RunLookup | undefined {
  const handle = getRun(runId);
  if (handle) return { kind: "live", handle };
  const record = loadRecord(runId);
  return record ? { kind: "stored", record } : undefined;
}

/** Cancels a running sync; resolves with its final result (status "cancelled" unless it had already ended). */
export async function cancelRun(runId: string): Promise<RunResult | undefined> {
  const e = runs.get(runId);
  if (!e) {
    throw new ToolError("not_found", `No run with id ${runId} in this server.`, "Use the run_id that run_debug returned; run_status reports runs of earlier servers.", runId);
  }
  e.abort.abort();
  try {
    return await e.handle.done;
  } catch {
    return undefined;
  }
}
