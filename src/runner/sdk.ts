import { nestedPast, PYTHON_RECURSION_LIMIT } from "./json-depth.js";
import { pinDatabase } from "../warehouse/pin.js";
import { ConnectorProject } from "../workspace/project.js";
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { ToolError } from "../errors.js";
import { hintFor, nullKeyOf } from "./classify.js";
import type { RunTracker } from "./context.js";
import { LINGER_MS, limitError, lingerWarning, stoppedAfterVerdict } from "./limits.js";
import { watchLines } from "./lines.js";
import { spawnForRun, type Supervised } from "./process.js";
import type { PythonInfo } from "./python.js";
import { SdkOutputParser, type SdkOutcome } from "./sdk-output.js";
import { stateFile, warehouseFile } from "./sink.js";
import { assertNoOverrideInFlight, putStateOverride, settleStateOverride } from "../state/aside.js";
import type { RunError, RunResult } from "./types.js";
import type { Naming } from "../protocol.js";

export interface SdkInput {
  projectDir: string;
  python: string;
  info: PythonInfo;
  env: Record<string, string>;
  configuration?: Record<string, unknown>;
  state?: Record<string, unknown>;
  reset: boolean;
  /** `fivetran debug --naming`. */
  naming?: Naming;
  tracker: RunTracker;
  timeoutMs: number;
  signal?: AbortSignal;
  outputLimitBytes?: number;
  memoryLimitMb?: number;
  /** Called before each line of output is read: learns secrets connector.py wrote into configuration.json. */
  beforeLine?: () => void;
}

/**
 * The real-SDK engine: runs the installed `fivetran debug` and builds the same result from its output and from
 * the files it leaves. The SDK keeps its own transaction rules (rows after the last checkpoint are dropped on
 * failure), so nothing here touches the warehouse except to read it.
 */
export async function runSdk(inp: SdkInput): Promise<RunResult> {
  const started = Date.now();
  const { tracker, projectDir } = inp;
  // Before the reset or an override touches files/state.json: a sync with an override that is still in flight
  // (another process) must get back the state it keeps aside; one whose process died gets it back now.
  assertNoOverrideInFlight(projectDir);
  if (inp.reset) {
    // Like `fivetran reset`: the warehouse and the state go (only the files the SDK itself writes).
    // Security: deleted through the project layer, which refuses a link leaving the folder.
    const project = ConnectorProject.of(projectDir);
    for (const f of ["warehouse.db", "warehouse.db.wal", "state.json"]) project.remove(`files/${f}`);
  }
  const args = ["debug", projectDir];
  if (inp.naming) args.push("--naming", inp.naming.toUpperCase());
  let tempDir: string | undefined;
  let proc: Supervised | undefined;
  let overridden = false;
  if (inp.configuration !== undefined) {
    // Security: a configuration override holds secrets; it lives in a private temp folder for this run only.
    tempDir = mkdtempSync(join(tmpdir(), "ftmcp-cfg-"));
    chmodSync(tempDir, 0o700);
    const p = join(tempDir, "configuration.json");
    writeFileSync(p, JSON.stringify(inp.configuration), { mode: 0o600 });
    args.push("--configuration", p);
  }
  const env = {
    ...inp.env,
    PATH: [inp.info.binDir, inp.env.PATH].filter(Boolean).join(delimiter),
    DO_NOT_TRACK: "1",
  };
  const parser = new SdkOutputParser((e) => {
    tracker.log(e.level, e.origin, e.message);
    if (/^checkpoint recorded:/.test(e.message)) {
      tracker.counts.checkpoints++;
      tracker.progress();
    }
  });
  let result: RunResult;
  try {
    if (inp.state !== undefined) {
      // `--state FILE` would make the SDK write checkpoints to that file instead of files/state.json, so a
      // starting state is put where the SDK reads it by default, the previous one kept aside until the run ends
      // (settling is safe after a partial put: it only acts on an aside file that names the override).
      overridden = true;
      putStateOverride(projectDir, inp.state);
    }
    proc = spawnForRun(inp, { file: inp.info.fivetranBin!, args, cwd: projectDir, env });
    proc.child.stdin?.end();
    // After its verdict `fivetran debug` only waits for the connector's threads that are not daemons and its atexit
    // handlers (Python's end): a grace for them, then it is stopped, as the embedded engine does.
    const running = proc;
    let lingered = false;
    let linger: NodeJS.Timeout | undefined;
    const onLine = (l: string) => {
      inp.beforeLine?.();
      parser.push(l);
      if (linger && !parser.verdictSeen) {
        // Another sync after the verdict (connector.debug() ran one as connector.py loaded, 555): not lingering.
        clearTimeout(linger);
        linger = undefined;
      }
      linger ??= parser.verdictSeen
        ? setTimeout(() => {
            lingered = true;
            running.stop("failed");
          }, LINGER_MS)
        : undefined;
    };
    await Promise.all([
      watchLines(proc.stdout, onLine),
      watchLines(proc.stderr, (l) => {
        inp.beforeLine?.();
        tracker.log("WARNING", "stderr", l);
      }),
    ]).finally(() => clearTimeout(linger));
    const exit = await proc.exited;
    inp.beforeLine?.();
    if (overridden) {
      // Before state.json is read for the result: a run that committed nothing under the override ends with the
      // previous state, as with the embedded engine.
      overridden = false;
      settleStateOverride(projectDir);
    }
    const outcome = parser.end();
    for (const w of outcome.warnings) tracker.warn(w);

    let status: RunResult["status"];
    let error: RunError | undefined;
    const stop = proc.stopReason;
    // Stopped after the verdict (the grace, or the time limit or a cancel during it): the sync's own result.
    const afterVerdict = parser.verdictSeen && (lingered || stoppedAfterVerdict(stop));
    if (afterVerdict) tracker.warn(lingerWarning(stop, lingered, inp));
    const limited = afterVerdict ? undefined : limitError(proc.stopReason, tracker, inp);
    if (limited) {
      status = "failed";
      error = limited;
    } else if (afterVerdict && outcome.status === "succeeded") {
      status = "succeeded";
    } else if (afterVerdict) {
      status = "failed";
      error = sdkError(outcome, tracker, inp, exit);
    } else if (proc.stopReason === "timeout") {
      status = "timeout";
      error = tracker.error("timeout", `The sync did not finish within ${Math.round(inp.timeoutMs / 1000)} seconds and was stopped.`, {
        hint: hintFor("timeout", { timeoutSeconds: Math.round(inp.timeoutMs / 1000) }),
      });
    } else if (proc.stopReason) {
      status = "cancelled";
      error = tracker.error("cancelled", "The sync was cancelled.", { hint: hintFor("cancelled") });
    } else if (outcome.status === "succeeded" && exit.exitCode === 0) {
      status = "succeeded";
    } else {
      status = "failed";
      error = sdkError(outcome, tracker, inp, exit);
    }
    const counts = outcome.counts ?? { ...tracker.counts };
    const state = readStateLoose(projectDir);
    const peak = outcome.peakMb !== undefined ? undefined : proc.peakRssKb();
    // fivetran debug's own exit code, as a shell reports it (128 + n for signal n); none when we stopped it.
    const signo = exit.signal ? constants.signals[exit.signal as keyof typeof constants.signals] : undefined;
    const exitCode = proc.stopReason ? undefined : signo !== undefined ? 128 + signo : exit.exitCode;
    result = {
      status,
      ...(exitCode === undefined ? {} : { exitCode }),
      engine: "sdk",
      sdkVersion: inp.info.sdkVersion,
      python: inp.info.version,
      durationMs: Date.now() - started,
      counts,
      rowsPerTable: await rowsPerTableReadOnly(warehouseFile(projectDir)),
      state: tracker.redactor.redactValue(state),
      warnings: tracker.warnings,
      ...(error ? { error } : {}),
      logTail: tracker.logTail(),
      warehousePath: warehouseFile(projectDir),
      statePath: stateFile(projectDir),
      // The SDK's own figure is the connector's share; the /proc peak is the whole `fivetran` process.
      ...(peak !== undefined ? { peakRssMb: Math.round((peak / 1024) * 10) / 10 } : {}),
      containment: proc.containment,
    };
  } finally {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    if (overridden) {
      // Only once `fivetran debug` is gone: it may still write a checkpoint until then.
      await proc?.exited.catch(() => {});
      try {
        settleStateOverride(projectDir);
      } catch {
        // The error on its way out says more; the aside file stays for the next run of the folder to settle.
      }
    }
  }
  return result;
}

function readStateLoose(projectDir: string): Record<string, unknown> {
  try {
    // Security: the SDK wrote it; it is read back through the project layer all the same.
    const v = JSON.parse(ConnectorProject.of(projectDir).readText("files/state.json") ?? "{}") as unknown;
    // Display only, as the embedded engine's (index.ts): a state nested deeper than Python's json reads (the SDK
    // failed on it) would overflow the stack of the recursive walks that mask and serialise it.
    if (nestedPast(v, PYTHON_RECURSION_LIMIT)) return {};
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Rows in each table of the `tester` and `tester_<source schema>` schemas, read without locking the file for writing. */
export async function rowsPerTableReadOnly(dbPath: string): Promise<Record<string, number>> {
  // A folder at its name (the sync failed on it, 581) holds no tables.
  if (!existsSync(dbPath) || statSync(dbPath).isDirectory()) return {};
  const { DuckDBInstance } = await import("@duckdb/node-api");
  let instance;
  // Security: the SDK's file is opened through a descriptor of the checked file, not by its name again.
  const pin = pinDatabase(dbPath, "read");
  try {
    instance = await DuckDBInstance.create(pin.path, { access_mode: "READ_ONLY" });
    pin.verify();
  } catch (e) {
    instance?.closeSync();
    pin.release();
    if (e instanceof ToolError) throw e;
    throw new ToolError("locked", `Cannot read ${dbPath}: ${(e as Error).message}`, "Close other programs that hold files/warehouse.db open, then run again.", dbPath);
  }
  const conn = await instance.connect();
  try {
    // Keyed as the embedded engine keys them: tester's tables by name, a source schema's (schema= in SDK 3.0) as
    // tester_<schema>.<table>, the name query_warehouse reads them by.
    const tables = await conn.runAndReadAll(
      "SELECT table_schema, table_name FROM information_schema.tables WHERE (table_schema = 'tester' OR starts_with(table_schema, 'tester_')) AND table_name NOT LIKE '\\_fivetran%' ESCAPE '\\' ORDER BY table_schema <> 'tester', table_schema, table_name",
    );
    const out: Record<string, number> = {};
    for (const [schema, name] of tables.getRows()) {
      const s = String(schema);
      const t = String(name);
      const r = await conn.runAndReadAll(`SELECT count(*) FROM "${s.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}"`);
      out[s === "tester" ? t : `${s}.${t}`] = Number(r.getRows()[0][0]);
    }
    return out;
  } finally {
    conn.closeSync?.();
    instance.closeSync?.();
    pin.release();
  }
}

/** The error of a failed `fivetran debug`: the one it printed, else how the process ended. */
function sdkError(outcome: SdkOutcome, tracker: RunTracker, inp: { python: string; configuration?: unknown }, exit: { exitCode?: number; signal?: string }): RunError {
  const e = outcome.error;
  if (e) {
    const exceptionType = e.traceback ? /^([A-Za-z_][\w.]*)(?::|$)/m.exec(e.traceback.trimEnd().split("\n").pop() ?? "")?.[1] : undefined;
    return tracker.error(e.kind, e.message, {
      file: e.file,
      line: e.line,
      tracebackTail: e.traceback,
      exceptionType,
      hint: hintFor(e.kind, { module: e.module, python: inp.python, exceptionType, configurationInline: inp.configuration !== undefined, nullKey: nullKeyOf(e.message) }),
    });
  }
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
  if (outcome.status === "succeeded") {
    // It printed SYNC SUCCEEDED (its rows and state are written), then a thread or an atexit handler ended it.
    return tracker.error(
      "exit",
      `fivetran debug printed SYNC SUCCEEDED (its rows and state are written), then ${how}: a thread or an atexit handler still running after update() returned ended it (os._exit()?).`,
      {
        hint: "Join your threads before update() returns, and do not call os._exit() or signal the process from a thread or an atexit handler.",
      },
    );
  }
  return tracker.error("exit", `fivetran debug ${how} without reporting a result (sys.exit() in the connector?).`, { hint: hintFor("exit") });
}
