import { constants } from "node:os";
import { join } from "node:path";
import type { Duplex, Readable } from "node:stream";
import { HARNESS_DIR } from "../paths.js";
import { pythonOutputJob } from "../exec/env.js";
import { hintFor, nullKeyOf } from "./classify.js";
import { RunTracker } from "./context.js";
import { LINGER_MS, limitError, lingerWarning, stoppedAfterVerdict } from "./limits.js";
import { watchLines } from "./lines.js";
import { spawnForRun, type Supervised } from "./process.js";
import { checkPythonVersion, PYTHON_HINT } from "./python.js";
import { prepareContainment } from "../exec/child.js";
import { cacheFile, choosePython, rememberPython, type PythonChoice } from "../exec/python-path.js";
import { ToolError } from "../errors.js";
import { CANNOT_OPEN } from "../warehouse/registry.js";
import { readChannel } from "./channel-reader.js";
import { ANSWER_BYTES, type ErrorKind } from "../protocol.js";
import { parseState, SyncSession } from "./session.js";
import type { WarehouseSink } from "./sink.js";
import { rowsPerTableReadOnly } from "./sdk.js";
import { STATE_FILE } from "../warehouse/files.js";
import { ConnectorProject } from "../workspace/project.js";
import { asLogged, tracebackStart } from "./sdk-output.js";
import type { RunError, RunResult } from "./types.js";

export interface EngineInput {
  projectDir: string;
  python: string;
  env: Record<string, string>;
  /**
   * The configuration argument, which replaces configuration.json. Without it the harness reads configuration.json
   * once connector.py has loaded, as `fivetran debug` reads it then (a file the connector wrote as it loaded is the
   * one the sync gets, fidelity 330), and says what it read (`onConfiguration`).
   */
  configuration: Record<string, unknown> | undefined;
  /** configuration.json's text as the harness read it after the import, for the runner to mask its secrets. */
  onConfiguration?: (text: string) => void;
  /** True when the configuration came as an argument rather than from configuration.json (hints name the right one). */
  configurationInline?: boolean;
  startState: Record<string, unknown>;
  /**
   * The start state is files/state.json's (no state argument, no reset): the harness reads the file once
   * connector.py has loaded, as `fivetran debug` reads it then (a file the connector wrote or removed as it loaded is
   * the one the sync starts from, fidelity 346, 347), and parses it with Python's json, so a cursor JavaScript would
   * round (a 19-digit id) reaches the connector as it was written and a file that is not UTF-8 is refused with the
   * SDK's message. Otherwise `startState` is sent.
   */
  stateFromDisk?: boolean;
  /** What files/state.json holds before the run (after a reset: {}): the committed state until a checkpoint. */
  diskState: Record<string, unknown>;
  /**
   * Opens (and locks) the warehouse. Called once the harness has made files/, after the import and the checks, as
   * `fivetran debug` makes files/ and opens the warehouse only then (fidelity 332, 350): a run refused before leaves
   * none. It opens while schema() and update() run, their operations waiting in the operation channel. If it cannot
   * open (another sync holds it), the connector is stopped and the error thrown.
   */
  openSink: () => Promise<WarehouseSink>;
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
 * What files/state.json holds now, for the final flush of a sync that checkpointed: a function that puts it back
 * after the flush wrote `finalText` there (or removes the file, if there was none); undefined when the file already
 * holds `finalText` (the usual case: the last checkpoint wrote it), or cannot be read.
 */
function keepStateFile(projectDir: string, finalText: string): (() => void) | undefined {
  // Security: read and written through the project layer, which refuses links leaving the folder and files with
  // other hard links; a link inside the folder is read through and replaced by the write, as the SDK's checkpoint does.
  const project = ConnectorProject.of(projectDir);
  let held: Buffer | undefined;
  try {
    held = project.readBytes(STATE_FILE);
  } catch {
    return undefined;
  }
  if (held?.equals(Buffer.from(finalText, "utf8"))) return undefined;
  return putStateBack(project, held);
}

/** A function that gives files/state.json the bytes `held` again, or removes it when `held` is undefined (no file). */
function putStateBack(project: ConnectorProject, held: Buffer | undefined): () => void {
  return () => {
    if (held === undefined) project.remove(STATE_FILE);
    else project.writeFile(STATE_FILE, held, { mode: 0o600, replaceName: true });
  };
}

/** The exit code a shell reports for a process signal `name` ended (128 + its number), as `fivetran debug`'s. */
function signalExitCode(name: string): number | undefined {
  const n = (constants.signals as Record<string, number | undefined>)[name];
  return n === undefined ? undefined : 128 + n;
}

/** files/state.json's bytes now (undefined: no file, or unreadable). */
function stateFileBytes(projectDir: string): Buffer | undefined {
  try {
    // Security: read through the project layer, which refuses links leaving the folder and files with other hard links.
    return ConnectorProject.of(projectDir).readBytes(STATE_FILE);
  } catch {
    return undefined;
  }
}

/**
 * For the final flush of a sync that never checkpointed: `fivetran debug` writes files/state.json at the sync's end,
 * before the connector's lingering threads and atexit handlers finish, so what they wrote there since stays. Returns a
 * function that puts their file back after the flush (or removes it, if they removed it); undefined when the file
 * still holds what it held at the end (`atEnd`).
 */
function keepLateStateFile(projectDir: string, atEnd: Buffer | undefined): (() => void) | undefined {
  const now = stateFileBytes(projectDir);
  if (now === undefined ? atEnd === undefined : atEnd?.equals(now)) return undefined;
  return putStateBack(ConnectorProject.of(projectDir), now);
}

/**
 * Test seam: the resident memory past which the harness ends the connector as `fivetran debug` does (its 4 GiB unless
 * a test sets a lower one; holding 4 GiB in a test is too much for a developer's machine).
 */
let debugMemoryLimitBytes: number | undefined;
export function setDebugMemoryLimitForTests(bytes: number | undefined): void {
  debugMemoryLimitBytes = bytes;
}

/** What the harness's interpreter holds resident beyond the connector's share of memory_limit_mb, with room to spare. */
const HARNESS_RESIDENT_MB = 64;

/**
 * The embedded engine: our harness runs connector.py and streams operations over fd 3; each is applied to the
 * warehouse as it arrives, a checkpoint commits, and any failure rolls back to the last checkpoint.
 */
export async function runEmbedded(inp: EngineInput): Promise<RunResult> {
  const started = Date.now();
  const { tracker } = inp;
  // Whether a PID namespace is allowed is asked at the sync's start; the harness starts meanwhile, as if it were, and
  // gets its job only once the answer agrees (see ChildOptions.speculate).
  void prepareContainment(inp.python);
  let harness = startHarness(inp, true);
  if (!(await harness.confirmed())) {
    // Refused: that harness got no job and is stopped; the one the probe's answer allows starts instead.
    await harness.proc.exited;
    harness = startHarness(inp, false);
  }
  const { proc, stdio, channel, early, keep, hello, logsDone, firstErrLines } = harness;
  let pythonVersion: string | undefined;
  try {
    const helloLine = await hello;
    pythonVersion = await pythonOf(helloLine, inp.python, proc, async () => {
      await Promise.all([proc.exited, logsDone]);
      return firstErrLines.join("\n");
    });
    if (harness.shimKey !== undefined && pythonVersion !== undefined) rememberShimChoice(harness.shimKey, helloLine);
    // The job goes through stdin, never argv: argv is visible to every user of the machine and holds no secrets.
    // It goes only to a Python known to be usable (and to none when the run was stopped before Python said which).
    const config = inp.configuration !== undefined ? { configuration: inp.configuration } : { configuration_from_disk: true };
    // When the harness reads files/state.json, the parsed copy is not sent (a state nested past JavaScript's stack
    // would not even stringify; Python's json then refuses it as the SDK's does).
    const stateText = inp.stateFromDisk ? { state_from_disk: true } : { state: inp.startState };
    if (pythonVersion !== undefined) {
      stdio[0].write(
        `${JSON.stringify({ project_dir: inp.projectDir, ...config, ...stateText, memory_limit_mb: inp.memoryLimitMb ?? null, ...pythonOutputJob(), ...(debugMemoryLimitBytes ? { debug_memory_limit_bytes: debugMemoryLimitBytes } : {}), ...(inp.proof ? { proof: inp.proof } : {}) })}\n`,
      );
    }
    channel.off("data", keep);
    channel.pause();
  } catch (e) {
    // An unusable Python: a usage error, not a failed sync; nothing was written.
    proc.stop("failed");
    await proc.exited;
    throw e;
  }

  const session = new SyncSession(inp.openSink, tracker, (answer) => channel.write(ANSWER_BYTES[answer]), inp.diskState, {
    stateFromDisk: inp.stateFromDisk,
    onConfiguration: inp.onConfiguration,
  });
  let applyError: RunError | undefined;

  // A cancelled or timed-out sync applies nothing more: the connector is being killed, and what it sent after the
  // last committed checkpoint is rolled back anyway. Applying the backlog first (rows and a DuckDB commit per
  // checkpoint) kept cancel_run waiting up to minutes on a connector that checkpoints in a tight loop.
  const halted = () => proc.stopReason === "cancelled" || proc.stopReason === "timeout" || proc.stopReason === "shutdown";
  // Once the harness has said how the sync ended, the process only waits for threads the connector left running
  // (Python joins those that are not daemons, and `fivetran debug` with it). A grace for them, then it is stopped:
  // a thread that never ends would otherwise turn a finished sync into a timeout.
  let lingered = false;
  let linger: NodeJS.Timeout | undefined;
  // files/state.json when the harness said the sync ended (see keepLateStateFile()); null until then.
  let stateAtEnd: Buffer | undefined | null = null;
  const onLine = (line: string) => {
    const pending = session.handle(line);
    if (stateAtEnd === null && session.ended) stateAtEnd = stateFileBytes(inp.projectDir);
    if (!linger && (session.ended || session.reported)) {
      linger = setTimeout(() => {
        lingered = true;
        proc.stop("failed");
      }, LINGER_MS);
    }
    return pending;
  };
  try {
    await readChannel(chunksOf(early, channel), onLine, () => session.failed(), halted);
    await session.checkpointed();
  } catch (e) {
    const unreadable = e !== undefined && e === session.openError && e instanceof ToolError && e.code === "internal" && e.message.startsWith(CANNOT_OPEN);
    if (unreadable) {
      // files/warehouse.db is there but DuckDB refuses it (the connector emptied or overwrote it as it loaded, 459):
      // `fivetran debug` fails the sync then, before schema() and update(), exit code 1, with DuckDB's words.
      const why = e.message.slice(CANNOT_OPEN.length);
      applyError = tracker.error("operation", `failed to connect to warehouse database file 'warehouse.db'. error: ${why}`, {
        // A folder at its name (581) is no file a reset could replace: the writer's own hint says what to do.
        hint: why.endsWith(": Is a directory") ? e.hint : "files/warehouse.db is not a DuckDB database: remove it, or run with reset=true to start clean.",
      });
      proc.stop("failed");
    } else if (e !== undefined && e === session.openError) {
      // The warehouse could not be opened (another sync holds it): a usage error, not a failed sync; the connector
      // is stopped before its sync wrote anything.
      proc.stop("failed");
      await Promise.all([proc.exited, logsDone]);
      throw e;
    } else {
      // The warehouse refused an operation (or the channel broke): stop the connector, keep the last checkpoint.
      // (A channel closed on our side because the tree was killed from inside is reported below, from the exit.)
      const err = e as Error & { kind?: ErrorKind; code?: string };
      const kind: ErrorKind = err.kind ?? "operation";
      // The SDK writes at the checkpoints update() calls, so a write that fails there fails inside update(), and
      // its message has update()'s prefix. (A broken channel is ours, and has its own kind.)
      const message = err.kind ? err.message : `failed while executing update() error: ${err.message}`;
      // An error of the runner's own (it has a kind) may say best what to do; a warehouse error gets its kind's hint.
      const hint = (err.kind ? (err as { hint?: string }).hint : undefined) ?? hintFor(kind) ?? (err as { hint?: string }).hint;
      if (!proc.escaped) applyError = tracker.error(kind, message, { hint });
      proc.stop("failed");
    }
  }

  const exit = await proc.exited;
  clearTimeout(linger);
  await logsDone;
  tracker.progress(true);
  // The time limit or a cancel that came while the process lingered after the sync's end stopped only what
  // `fivetran debug` would still be waiting for: by then the SDK has flushed and printed its verdict.
  const stop = proc.stopReason;
  // (So did a thread or an atexit handler that printed past the output limit, or grew past the memory limit, then.)
  const stoppedAfterEnd = stoppedAfterVerdict(stop) && (session.ended || session.reported !== undefined) && !applyError;
  if (lingered || stoppedAfterEnd) tracker.warn(lingerWarning(stop, lingered, inp));

  let status: RunResult["status"] = "succeeded";
  let error: RunError | undefined;
  let exitCode: number | undefined = 0;
  // The process ended with an error code or a signal after the sync had succeeded (os._exit() in a thread or an
  // atexit handler): `fivetran debug` has flushed and printed SYNC SUCCEEDED by then, and only its exit code says so.
  let diedAfterEnd = false;
  // The state a sync that never checkpointed writes at its end was refused (378): its rows are committed all the same.
  let stateRefusedAtEnd = false;
  if (stop === "timeout" && !stoppedAfterEnd) {
    status = "timeout";
    error = tracker.error("timeout", `The sync did not finish within ${Math.round((inp.timeoutMs ?? 0) / 1000)} seconds and was stopped.`, {
      hint: hintFor("timeout", { timeoutSeconds: Math.round((inp.timeoutMs ?? 0) / 1000) }),
    });
    exitCode = undefined;
  } else if ((stop === "cancelled" && !stoppedAfterEnd) || stop === "shutdown") {
    exitCode = undefined;
    status = "cancelled";
    error = tracker.error("cancelled", stop === "shutdown" ? "The server shut down during the sync." : "The sync was cancelled.", { hint: hintFor("cancelled") });
  } else if (!stoppedAfterEnd && (error = limitError(stop, tracker, inp))) {
    status = "failed";
    exitCode = undefined;
  } else if (exit.escaped) {
    status = "failed";
    exitCode = undefined;
    error = tracker.error(
      "exit",
      "The connector's process tree was killed from inside (its supervisor was killed), and processes it had started kept its output open; they were killed and the sync was stopped.",
      { hint: "Do not signal the parent process (os.getppid()) or its process group from connector code; start subprocesses that end before update() returns." },
    );
  } else if (applyError) {
    status = "failed";
    error = applyError;
    exitCode = 1;
  } else if (session.reported) {
    status = "failed";
    const reported = session.reported;
    // A sync that crashed while configuration values were still placeholders failed on its configuration.
    const kind: ErrorKind = reported.kind === "connector_exception" && reported.placeholder_keys?.length ? "configuration" : reported.kind;
    // `fivetran debug` prints the message in its log; the real-SDK engine reads it from there (sdk-output.ts), each
    // line without colour sequences and the whitespace at its end (an exception with an empty message leaves
    // "error: "), so this one does too (asLogged).
    // Up to a line that starts a traceback, as the real-SDK engine reads the message from the SDK's block (393).
    const message = asLogged(reported.message);
    const cut = tracebackStart(message);
    error = tracker.error(kind, (cut >= 0 ? message.slice(0, cut) : message).trimEnd(), {
      file: reported.file,
      line: reported.line,
      tracebackTail: reported.traceback,
      exceptionType: reported.exception_type,
      hint:
        reported.hint ??
        hintFor(kind, {
          module: reported.module,
          python: inp.python,
          memoryLimitMb: inp.memoryLimitMb,
          configurationInline: inp.configurationInline,
          exceptionType: reported.exception_type,
          http: reported.http,
          missingKey: reported.missing_key,
          recordKeys: reported.record_keys,
          nullKey: nullKeyOf(reported.message),
          placeholderKeys: reported.placeholder_keys,
          inState: reported.in_state,
        }),
    });
    exitCode = reported.exit_code ?? 1;
    // The harness ends a failed sync's process with 1: another code, or a signal, is what a thread or an atexit
    // handler ended it with after the error (os._exit() while the process waited), and \`fivetran debug\` ends so too.
    if (!lingered && !stoppedAfterEnd && stop === undefined && (exit.signal !== undefined || (exit.exitCode !== undefined && exit.exitCode !== 1))) {
      exitCode = exit.signal ? signalExitCode(exit.signal) : exit.exitCode;
    }
  } else if (session.ended && session.stateError !== undefined && !lingered && !stoppedAfterEnd && stop === undefined) {
    // The sync never checkpointed and json.dumps refused the state update() left in the dict it was given, or
    // files/ was gone: the SDK has committed the final flush, then fails writing files/state.json (378, 400), exit
    // code 1 (or what a thread ended the waiting process with).
    status = "failed";
    stateRefusedAtEnd = true;
    exitCode = exit.signal ? signalExitCode(exit.signal) : (exit.exitCode ?? 1);
    error = tracker.error(session.stateError.kind, session.stateError.message, { hint: hintFor(session.stateError.kind) });
  } else if ((lingered || stoppedAfterEnd) && session.ended) {
    // The sync itself succeeded; the process had no exit code of its own.
    exitCode = undefined;
  } else if (session.ended && (exit.signal !== undefined || exit.exitCode !== 0)) {
    diedAfterEnd = true;
    status = "failed";
    exitCode = exit.signal ? signalExitCode(exit.signal) : exit.exitCode;
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
    error = tracker.error(
      "exit",
      `The connector process ${how} after the sync succeeded (its rows and state are written, as \`fivetran debug\` writes them before it prints SYNC SUCCEEDED; it then ends with ${exitCode ?? "the signal"} too): a thread or an atexit handler still running after update() returned ended it (os._exit()?).`,
      { hint: "Join your threads before update() returns, and do not call os._exit() or signal the process from a thread or an atexit handler." },
    );
  } else if (!session.ended || exit.exitCode !== 0) {
    status = "failed";
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
    const kind: ErrorKind = exit.signal === "SIGKILL" ? "memory" : "exit";
    error = tracker.error(kind, `The connector process ${how} before the sync finished (os._exit() or a crash in native code?).`, {
      hint: kind === "memory" ? "The process was killed, most often by the out-of-memory killer: stream and checkpoint instead of holding all rows." : hintFor("exit"),
    });
    // os._exit(n) ends `fivetran debug` with n too, and a signal n with 128 + n, as a shell reports it.
    exitCode = exit.signal ? signalExitCode(exit.signal) : exit.exitCode;
  }

  if (status === "succeeded" || diedAfterEnd || stateRefusedAtEnd) {
    // Like the SDK's final flush: rows after the last checkpoint are committed under that checkpoint's state
    // (or the starting state when the connector never checkpointed).
    const finalText = session.finalStateText(inp.startState);
    // The SDK's final flush writes state.json only when the sync never checkpointed; after a checkpoint it leaves
    // the file as it is, even one the connector wrote itself since. The sink always writes it, so what the file
    // held (or that it was absent) is put back afterwards.
    const kept =
      tracker.counts.checkpoints > 0
        ? keepStateFile(inp.projectDir, finalText)
        : stateRefusedAtEnd
          ? putStateBack(ConnectorProject.of(inp.projectDir), stateFileBytes(inp.projectDir))
          : stateAtEnd === null
            ? undefined
            : keepLateStateFile(inp.projectDir, stateAtEnd);
    const { sink } = session;
    try {
      await sink.checkpoint(finalText);
      kept?.();
      session.committedState = parseState(finalText);
      if (tracker.counts.checkpoints === 0) {
        tracker.warn(
          "op.checkpoint() was never called during this sync. We recommend calling op.checkpoint(state) periodically in your update function to save sync state and avoid re-syncing data unnecessarily.",
        );
      }
    } catch (e) {
      // The final write failed after update() returned: a failed sync, reported as the SDK reports it (its
      // message, without update()'s prefix), never a thrown error.
      const err = e as Error & { hint?: string };
      status = "failed";
      exitCode = 1;
      error = tracker.error("operation", err.message, { hint: err.hint ?? hintFor("operation") });
      await sink.rollback();
    }
  } else {
    await session.sink.rollback();
  }
  // A run that stopped before files/ was made never opened the warehouse: the rows of one an earlier run left.
  const rowsPerTable = session.opened ? await session.sink.rowsPerTable() : await rowsPerTableReadOnly(inp.warehousePath).catch(() => ({}));
  const peakRss = session.peakKb ?? proc.peakRssKb();
  return {
    status,
    ...(exitCode === undefined ? {} : { exitCode }),
    engine: "embedded",
    sdkVersion: session.sdkVersion,
    python: session.bootVersion ?? pythonVersion ?? "unknown",
    durationMs: Date.now() - started,
    counts: { ...tracker.counts },
    rowsPerTable,
    writtenPerTable: session.written,
    state: tracker.redactor.redactValue(session.committedState),
    warnings: tracker.warnings,
    ...(error ? { error } : {}),
    logTail: tracker.logTail(),
    ...(tracker.declared ? { declaredTables: tracker.declared } : {}),
    warehousePath: inp.warehousePath,
    statePath: inp.statePath,
    ...(peakRss !== undefined ? { peakRssMb: Math.round((peakRss / 1024) * 10) / 10 } : {}),
    ...(session.countsAtLastCheckpoint ? { countsAtLastCheckpoint: session.countsAtLastCheckpoint } : {}),
    containment: proc.containment,
  };
}

/**
 * Starts the harness (ftmcp_boot.py) and reads what it sends before its job: the first line of the channel (which
 * Python this is) is taken out, the rest kept until the warehouse is open; stdout and stderr go to the log. A
 * speculative start (see ChildOptions.speculate) holds its log lines until confirmed() says it may run, and drops
 * them if not (the refused namespace's complaint is not the connector's).
 */
function startHarness(inp: EngineInput, speculate: boolean) {
  const { tracker } = inp;
  const boot = join(HARNESS_DIR, "ftmcp_boot.py");
  // A plain python3 that is a version manager's shim is started as the interpreter it picked last time, when
  // nothing it reads to pick one has changed since: the shim itself costs about 65 ms of every run's start.
  const choice: PythonChoice = inp.python === "python3" ? choosePython(inp.env, inp.projectDir, cacheFile()) : { command: inp.python };
  // The harness enforces memory_limit_mb itself (RLIMIT_AS over its start-up size): the watchdog is the backstop,
  // allowing the interpreter's own ~20-30 MB on top of the connector's share.
  const proc = spawnForRun(inp, { file: choice.command, args: ["-u", boot], cwd: inp.projectDir, env: inp.env, channel: true, speculate, memorySlackMb: HARNESS_RESIDENT_MB });
  const stdio = proc.child.stdio as unknown as [NodeJS.WritableStream, NodeJS.ReadableStream, NodeJS.ReadableStream, NodeJS.ReadableStream];
  // A Unix socket: records come in, and one byte goes back for each committed checkpoint.
  const channel = stdio[3] as unknown as Duplex;
  channel.setEncoding("utf8");
  // The connector starts before the warehouse is open, and may even end first: what it sends meanwhile is kept
  // here (DuckDB opens in well under a second, so a few MB at most), since the pipe goes once the process exits.
  const early: string[] = [];
  let first: string | undefined = "";
  let sayHello: (line: string | undefined) => void = () => {};
  const hello = new Promise<string | undefined>((resolve) => (sayHello = resolve));
  const keep = (chunk: string) => {
    if (first === undefined) return void early.push(chunk);
    const nl = chunk.indexOf("\n");
    first += nl === -1 ? chunk : chunk.slice(0, nl);
    if (nl === -1 && first.length <= MAX_HELLO_CHARS) return;
    const line = first;
    first = undefined;
    if (nl !== -1 && nl + 1 < chunk.length) early.push(chunk.slice(nl + 1));
    sayHello(line);
  };
  channel.on("data", keep);
  // No first line: the program never started, or is not Python.
  channel.once("close", () => sayHello(undefined));
  // Until the loop below reads it, a broken channel must not be an unhandled 'error' event (the run then ends
  // without its last record, and says so).
  channel.on("error", () => {});
  let held: [string, string, string][] | undefined = speculate ? [] : undefined;
  const log = (level: string, origin: string, line: string) => (held ? held.push([level, origin, line]) : tracker.log(level, origin, line));
  // Its first lines of stderr also explain a Python that did not start.
  const firstErrLines: string[] = [];
  const logsDone = Promise.all([
    watchLines(proc.stdout, (l) => log("INFO", "stdout", l)),
    watchLines(proc.stderr, (l) => {
      if (firstErrLines.length < 20) firstErrLines.push(l);
      log("WARNING", "stderr", l);
    }),
  ]);
  const confirmed = async () => {
    const ok = await proc.confirmed();
    const lines = held ?? [];
    held = undefined;
    if (ok) for (const [level, origin, line] of lines) tracker.log(level, origin, line);
    return ok;
  };
  return { proc, stdio, channel, early, keep, hello, logsDone, firstErrLines, confirmed, shimKey: choice.shimKey };
}

/** Keeps the interpreter a shim started (the harness's first line names it) for the next run's start. */
function rememberShimChoice(shimKey: string, helloLine: string | undefined): void {
  let executable: unknown;
  try {
    executable = (JSON.parse(helloLine ?? "") as { executable?: unknown }).executable;
  } catch {
    return;
  }
  if (typeof executable === "string") rememberPython(shimKey, executable);
}

/** Longer than any first line the harness writes: a program that writes more there is not it. */
const MAX_HELLO_CHARS = 1_000;

/**
 * The Python version from the harness's first line, once it is known to be usable; undefined when the run was
 * stopped before Python said it (cancel, timeout). An interpreter that is missing, is not Python or is too old is a
 * usage error (python_not_found), worded as the probe of the auto engine words it (src/runner/python.ts).
 */
async function pythonOf(line: string | undefined, python: string, proc: Supervised, stderrText: () => Promise<string>): Promise<string | undefined> {
  let version: string | undefined;
  try {
    const r = line === undefined ? undefined : (JSON.parse(line) as { t?: unknown; version?: unknown });
    if (r?.t === "python" && typeof r.version === "string") version = r.version;
  } catch {
    // not the harness's line: below
  }
  if (version !== undefined) {
    checkPythonVersion(version, python);
    return version;
  }
  if (line === undefined && proc.stopReason !== undefined) return undefined;
  proc.stop("failed");
  const err = await stderrText();
  // Python 2 refuses any `-X` option before it runs a line (the harness passes none now; its boot reports 2.7 itself).
  if (/^-X is reserved for implementation-specific arguments/m.test(err)) checkPythonVersion("2", python);
  const r = (await proc.child) as { code?: string };
  const cannot = /^ftmcp_supervise: cannot start .*?: (.*)$/m.exec(err);
  const why = r.code === "ENOENT" || cannot?.[1] === "No such file or directory" ? "it was not found" : cannot ? cannot[1] : err.trim().slice(-500) || "it did not start as Python";
  throw new ToolError("python_not_found", `Cannot start Python (${python}): ${why}`, PYTHON_HINT, python);
}

/** The chunks kept while the warehouse opened, then the rest of the channel as it comes. */
async function* chunksOf(early: string[], channel: Readable): AsyncGenerator<string> {
  while (early.length) yield early.shift()!;
  for await (const chunk of channel as AsyncIterable<string>) yield chunk;
}
