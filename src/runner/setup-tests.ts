import { statSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { ToolError } from "../errors.js";
import { HARNESS_DIR } from "../paths.js";
import { Redactor } from "../workspace/redact.js";
import { ConnectorProject } from "../workspace/project.js";
import { RunTracker } from "./context.js";
import { connectorEnv } from "./env.js";
import { pythonOutputJob } from "../exec/env.js";
import { readLines, watchLines } from "./lines.js";
import { spawnSupervised } from "./process.js";
import { fenceConnectorText } from "./report.js";
import { inlineName } from "../workspace/hygiene.js";
import type { ErrorKind } from "../protocol.js";
import { probePython, resolvePython } from "./python.js";
import { runErrorData } from "./run-result.js";
import type { RunError } from "./types.js";

/**
 * The local equivalent of SDK 3.0.0's `fivetran configuration --test`: loads connector.py, calls its
 * configuration_form() and runs the form's setup tests, in order, against the configuration, stopping at the first
 * failure. The Python side (harness/ftmcp_setup_tests.py) has the SDK's checks, order and messages; this side
 * starts it, reads its records and masks the configuration's values in what it reports.
 */

export interface SetupTestOptions {
  projectDir: string;
  /** Used instead of configuration.json. */
  configuration?: Record<string, unknown>;
  python?: string;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface SetupFormField {
  name: string;
  label: string;
  kind: "text" | "password" | "hidden" | "dropdown" | "toggle" | "unknown";
  required: boolean;
  description?: string;
  /** A dropdown's values. */
  options?: string[];
}

export interface SetupTestOutcome {
  name: string;
  label: string;
  passed: boolean;
  /** Test.failure(message)'s message. */
  failure?: string;
}

export interface SetupTestResult {
  /**
   * passed: every test returned Test.success(). failed: a test failed (the later ones did not run) or something
   * went wrong (error). no_form: connector.py has no configuration_form(). no_tests: the form registers no test.
   */
  status: "passed" | "failed" | "no_form" | "no_tests" | "timeout" | "cancelled";
  /** What `fivetran configuration --test` ends with: 0 when every test passed, 1 otherwise (n for sys.exit(n)). */
  exitCode?: number;
  /** The SDK's words for no_form and no_tests. */
  message?: string;
  fields: SetupFormField[];
  /** Every test of the form, in order; those after the first failure have not run (absent from `results`). */
  tests: { name: string; label: string }[];
  results: SetupTestOutcome[];
  error?: RunError;
  warnings: string[];
  logTail: string[];
  python: string;
  durationMs: number;
}

const DEFAULT_TIMEOUT_SECONDS = 120;

type Rec =
  | { t: "start"; sdk_version: string; python: string }
  | { t: "form"; fields: SetupFormField[]; tests: { name: string; label: string }[] }
  | { t: "test"; name: string; label: string; passed: boolean; failure: string | null }
  | { t: "log"; level: string; message: string }
  | { t: "warning"; message: string }
  | { t: "error"; kind: ErrorKind | "no_form" | "no_tests"; message: string; file?: string; line?: number; traceback?: string; hint?: string }
  | { t: "end"; exit_code: number };

/**
 * configuration.json's bytes, read through the folder's checks (a link out of the folder is refused), or null; the
 * harness decodes them as `fivetran configuration --test` reads the file. An override goes as JSON text.
 */
function configurationInput(projectDir: string, override?: Record<string, unknown>): { configuration_text: string } | { configuration_b64: string | null } {
  if (override !== undefined) return { configuration_text: JSON.stringify(override) };
  // Security: read through the project layer, so a configuration.json linking out of the folder is refused.
  return { configuration_b64: ConnectorProject.of(projectDir).readBytes("configuration.json")?.toString("base64") ?? null };
}

export async function runSetupTests(opts: SetupTestOptions): Promise<SetupTestResult> {
  const started = Date.now();
  const { projectDir } = opts;
  // Security: connector.py is read through the project layer, which refuses a link out of the folder or a hard link.
  if (!statSync(projectDir).isDirectory() || ConnectorProject.of(projectDir).readBytes("connector.py") === undefined) {
    throw new ToolError("not_found", `connector.py not found in ${projectDir}.`, "Pass the folder that holds connector.py.", projectDir);
  }
  const input = configurationInput(projectDir, opts.configuration);
  // Only to know which values to mask (bad bytes read as U+FFFD); the harness reads the file as the SDK does.
  const text = "configuration_text" in input ? input.configuration_text : input.configuration_b64 === null ? null : Buffer.from(input.configuration_b64, "base64").toString("utf8");
  let values: Record<string, unknown> | null = null;
  try {
    const parsed = text === null ? null : (JSON.parse(text) as unknown);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) values = parsed as Record<string, unknown>;
  } catch {
    // Python reads it and says what is wrong, in the SDK's words; only the masking needs it here.
  }
  const tracker = new RunTracker(new Redactor(values), {});
  const python = resolvePython(projectDir, opts.python);
  const env = connectorEnv();
  // A Python that cannot run is a usage error (python_not_found), as for run_debug.
  await probePython(python, env);
  const timeoutMs = Math.max(1, opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const proc = spawnSupervised({
    file: python,
    args: ["-u", join(HARNESS_DIR, "ftmcp_setup_tests.py")],
    cwd: projectDir,
    env,
    channel: true,
    timeoutMs,
    signal: opts.signal,
  });
  const stdio = proc.child.stdio as unknown as [NodeJS.WritableStream, ...unknown[]];
  // The job goes through stdin, never argv (argv is visible to every user of the machine).
  stdio[0].write(`${JSON.stringify({ project_dir: projectDir, ...input, ...pythonOutputJob() })}\n`);
  const logs = Promise.all([watchLines(proc.stdout, (l) => tracker.log("INFO", "stdout", l)), watchLines(proc.stderr, (l) => tracker.log("WARNING", "stderr", l))]);

  const result: SetupTestResult = { status: "failed", fields: [], tests: [], results: [], warnings: tracker.warnings, logTail: [], python, durationMs: 0 };
  let ended = false;
  const channel = (proc.child.stdio as unknown as unknown[])[3] as Readable;
  const records = async function* (): AsyncGenerator<Rec> {
    try {
      for await (const line of readLines(channel)) {
        if (!line) continue;
        try {
          yield JSON.parse(line) as Rec;
        } catch {
          // Not a record of ours: the harness writes only whole JSON lines, so this is noise to skip.
        }
      }
    } catch {
      // A channel that breaks (the process was killed) ends the records; the exit says what happened.
    }
  };
  for await (const rec of records()) {
    const r = tracker.redactor;
    switch (rec.t) {
      case "start":
        result.python = rec.python;
        break;
      case "form":
        result.fields = rec.fields.map((f) => ({ ...f, ...(f.description === undefined ? {} : { description: r.redact(f.description) }) }));
        result.tests = rec.tests;
        break;
      case "test":
        result.results.push({ name: rec.name, label: rec.label, passed: rec.passed, ...(rec.failure === null ? {} : { failure: r.redact(rec.failure) }) });
        tracker.log(rec.passed ? "INFO" : "SEVERE", "sdk", `[${rec.name} - ${rec.label}]: ${rec.failure ?? "PASSED"}`);
        break;
      case "log":
      case "warning":
        tracker.fromChannel(rec);
        break;
      case "error":
        if (rec.kind === "no_form" || rec.kind === "no_tests") {
          result.status = rec.kind;
          result.message = rec.message;
        } else {
          result.error = tracker.error(rec.kind, rec.message, { file: rec.file, line: rec.line, tracebackTail: rec.traceback, hint: rec.hint ?? setupHint(rec.kind) });
        }
        break;
      case "end":
        ended = true;
        result.exitCode = rec.exit_code;
        if (rec.exit_code === 0) result.status = "passed";
        break;
    }
  }
  const exit = await proc.exited;
  await logs;
  const stop = proc.stopReason;
  if (stop === "timeout") {
    result.status = "timeout";
    delete result.exitCode;
    result.error = tracker.error("timeout", `The setup tests did not finish within ${timeoutMs / 1000} seconds and were stopped.`, {
      hint: "A setup test should answer quickly: check for a request without a timeout, or raise timeout_seconds.",
    });
  } else if (stop === "cancelled" || stop === "shutdown") {
    result.status = "cancelled";
    delete result.exitCode;
  } else if (!ended) {
    // os._exit(n) in a test or in configuration_form(), or a crash: `fivetran configuration --test` ends with it.
    result.status = "failed";
    if (!exit.signal && exit.exitCode !== undefined) result.exitCode = exit.exitCode;
    result.error = tracker.error("exit", `The connector process ${exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`} before the setup tests finished.`, {
      hint: "Do not call os._exit() in a connector; return Test.failure(message) to fail a setup test.",
    });
  }
  result.logTail = tracker.logTail();
  result.durationMs = Date.now() - started;
  return result;
}

function setupHint(kind: ErrorKind): string | undefined {
  switch (kind) {
    case "configuration":
      return "configuration.json must be one JSON object with a string value for each field of the form (or pass configuration).";
    case "connector_exception":
      return "A setup test should catch what can go wrong and return Test.failure(message); fix the code at the file and line shown.";
    case "exit":
      return "Do not call sys.exit() in a setup test; return Test.failure(message) instead.";
    default:
      return undefined;
  }
}

/** One line for people and models. */
export function summarizeSetupTests(r: SetupTestResult): string {
  // Security: names, labels and failure texts are the connector's: names on one line, texts fenced as its output.
  const done = r.results.map((t) => `${t.passed ? "PASSED" : "FAILED"} ${inlineName(t.name)} (${inlineName(t.label)})${t.failure ? `:\n${fenceConnectorText(t.failure)}` : ""}`);
  const skipped = r.tests.length - r.results.length;
  switch (r.status) {
    case "passed":
      return `All ${r.results.length} setup tests passed.\n${done.join("\n")}`;
    case "no_form":
    case "no_tests":
      return r.message ?? r.status;
    default: {
      const head = r.error ? `Setup tests ${r.status}: ${r.error.kind}:\n${fenceConnectorText(r.error.message)}` : `Setup tests failed${skipped > 0 ? ` (${skipped} not run after the failure)` : ""}.`;
      return [head, ...done].join("\n");
    }
  }
}

/** The result in the wire shape (snake_case) that run_setup_tests and `configuration --test --json` return. */
export function setupTestsData(r: SetupTestResult) {
  return {
    status: r.status,
    exit_code: r.exitCode,
    message: r.message,
    fields: r.fields,
    tests: r.tests,
    results: r.results,
    // exception_type is a sync's: the setup tests' harness does not report one.
    error: r.error && runErrorData(r.error),
    warnings: r.warnings,
    log_tail: r.logTail,
    duration_ms: r.durationMs,
  };
}
