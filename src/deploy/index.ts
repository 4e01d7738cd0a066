import { RunTracker } from "../runner/context.js";
import { existsSync, realpathSync } from "node:fs";
import { delimiter, dirname, isAbsolute, join, relative } from "node:path";
import { childEnv } from "../exec/env.js";
import { ToolError } from "../errors.js";
import { runProgram } from "../deps/exec.js";
import { resolvePython } from "../runner/python.js";
import { projectRedactor } from "../state/redaction.js";
import { checkConnectionName, fileChecks, PYTHON_VERSIONS, type DeployCheck } from "./checks.js";
import { lintChecksForDeploy } from "./lint-checks.js";
import { parseDeployOutput, type DeployReport } from "./output.js";

export { PYTHON_VERSIONS, type DeployCheck } from "./checks.js";

/** Environment variables the real CLI reads the API key from; never an argument of ours. */
export const API_KEY_VARS = ["FIVETRAN_API_KEY"] as const;

export interface DeployOptions {
  projectDir: string;
  destination?: string;
  connection?: string;
  /** Runtime Python of the deployed connection (`--python-version`). */
  pythonVersion?: (typeof PYTHON_VERSIONS)[number];
  /** Local Python whose `fivetran` executable is used; see findFivetran. */
  python?: string;
  /** Overwrite the code of an existing connection (`--yes`); otherwise an existing one is left alone. */
  allowUpdate?: boolean;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  timeoutSeconds?: number;
  onLine?: (line: string) => void;
}

export interface DeployPlan {
  fivetran: string;
  destination: string;
  connection: string;
  args: string[];
  checks: DeployCheck[];
  blocking: DeployCheck[];
}

export interface DeployResult extends DeployReport {
  exitCode: number | null;
  /** The CLI's output, redacted, last lines. */
  logTail: string[];
  command: string[];
}

/**
 * The `fivetran` executable to run: the one installed beside the chosen Python (a venv's bin/), else the first on
 * PATH, and never one inside the connector folder (its .venv included): that program receives FIVETRAN_API_KEY,
 * and the folder is untrusted input. Order of the Python as for runs: argument, FIVETRAN_CONNECTOR_PYTHON, the
 * project's .venv (skipped here), python3.
 */
export function findFivetran(projectDir: string, python: string | undefined, env: NodeJS.ProcessEnv): string | null {
  const exe = process.platform === "win32" ? "fivetran.exe" : "fivetran";
  const candidates: string[] = [];
  let chosen: string | undefined;
  try {
    chosen = resolvePython(projectDir, python, env);
  } catch {
    // A folder interpreter that may not run (a link out of the folder) offers no fivetran either.
    chosen = undefined;
  }
  if (chosen && isAbsolute(chosen)) candidates.push(join(dirname(chosen), exe));
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) if (isAbsolute(dir)) candidates.push(join(dir, exe));
  // Security: a CLI whose real path lies in the folder is the folder's code, and would get the API key.
  return candidates.find((c) => existsSync(c) && !insideFolder(c, projectDir)) ?? null;
}

function insideFolder(path: string, folder: string): boolean {
  try {
    const rel = relative(realpathSync(folder), realpathSync(path));
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  } catch {
    return true;
  }
}

export function apiKeyFrom(env: NodeJS.ProcessEnv): string | undefined {
  for (const v of API_KEY_VARS) {
    const k = env[v]?.trim();
    if (k) return k;
  }
  return undefined;
}

/**
 * Everything that can be known before calling Fivetran: the executable, the arguments and the
 * pre-deploy findings. Throws only when deploying is impossible (no SDK, no API key).
 */
export async function planDeploy(opts: DeployOptions): Promise<DeployPlan> {
  const env = opts.env ?? process.env;
  const destination = opts.destination?.trim() || env.FIVETRAN_DESTINATION_NAME?.trim() || "";
  const connection = opts.connection?.trim() || env.FIVETRAN_CONNECTION_NAME?.trim() || "";
  const checks: DeployCheck[] = [...(await fileChecks(opts.projectDir)), ...(await lintChecksForDeploy(opts.projectDir, opts.signal)), ...checkConnectionName(connection || undefined)];
  if (!destination) {
    checks.push({
      rule: "destination",
      severity: "error",
      message: "No destination was given.",
      hint: "Pass destination (the destination's name in Fivetran, aka group name) or set FIVETRAN_DESTINATION_NAME.",
    });
  }
  if (!apiKeyFrom(env)) {
    checks.push({
      rule: "api_key",
      severity: "error",
      message: "FIVETRAN_API_KEY is not set in the server's environment.",
      hint: "Set FIVETRAN_API_KEY (base64 key:secret from Fivetran → Settings → API key) in the MCP client's env for this server; it is never taken as an argument.",
    });
  }
  const fivetran = findFivetran(opts.projectDir, opts.python, env);
  if (!fivetran) {
    throw new ToolError(
      "sdk_not_installed",
      "The fivetran command of fivetran-connector-sdk is not installed outside the connector folder (not beside the chosen Python, not on PATH); the folder's own .venv/bin/fivetran is never used, since it would receive FIVETRAN_API_KEY.",
      "Install fivetran-connector-sdk outside the folder (pipx install fivetran-connector-sdk, or pip install it into a venv elsewhere and pass that venv's python).",
    );
  }
  const args = ["deploy", opts.projectDir, "--destination", destination, "--connection", connection];
  if (existsSync(join(opts.projectDir, "configuration.json"))) args.push("--configuration", join(opts.projectDir, "configuration.json"));
  if (opts.pythonVersion) args.push("--python-version", opts.pythonVersion);
  // Never an interactive prompt (stdin is closed): either the default answers, or yes to all.
  args.push(opts.allowUpdate ? "--yes" : "--non-interactive");
  return { fivetran, destination, connection, args, checks, blocking: checks.filter((c) => c.severity === "error") };
}

/** Runs the real `fivetran deploy`. The caller has obtained consent and cleared the blocking checks. */
export async function runDeploy(plan: DeployPlan, opts: DeployOptions): Promise<DeployResult> {
  if (plan.blocking.length) {
    throw new ToolError("deploy", `Deploy refused: ${plan.blocking.length} pre-deploy check(s) failed: ${plan.blocking.map((c) => c.message).join(" ")}`, plan.blocking.map((c) => c.hint).join(" "));
  }
  const env = opts.env ?? process.env;
  const key = apiKeyFrom(env) ?? "";
  // Security: the CLI echoes the first 8 characters of the key; the redactor masks the key, any piece of it, and
  // the configuration's secrets.
  const redactor = projectRedactor(
    opts.projectDir,
    [key, key.slice(0, 8)].filter((s) => s.length >= 4),
  );
  const lines = new RunTracker(redactor, { onLog: (_level, m) => opts.onLine?.(m.slice("cli: ".length)) });
  const r = await runProgram(plan.fivetran, plan.args, {
    cwd: opts.projectDir,
    // Security: the key travels in the environment only, never on the command line (visible in ps).
    // Security: an allow-list; the API key is the only secret the CLI gets.
    env: childEnv("fivetran_cli", env),
    containWith: existsSync("/usr/bin/python3") ? "/usr/bin/python3" : undefined,
    timeoutMs: (opts.timeoutSeconds ?? 600) * 1000,
    signal: opts.signal,
    // Security: lines pass through a run tracker's stream, which holds a line back while the next may complete a
    // secret cut by the break, and masks every piece.
    onLine: (l) => lines.log("INFO", "cli", l),
  });
  lines.flushLogs();
  if (r.spawnError) throw new ToolError("sdk_not_installed", `Could not start ${plan.fivetran}: ${r.spawnError}`, "Reinstall fivetran-connector-sdk.");
  if (r.cancelled) throw new ToolError("cancelled", "The deploy was cancelled; the connection may or may not have been created.", "Check the Fivetran dashboard before deploying again.");
  if (r.timedOut)
    throw new ToolError(
      "timeout",
      "fivetran deploy did not finish in time; the connection may or may not have been created.",
      "Check the Fivetran dashboard, then retry with a longer timeout_seconds.",
    );
  const output = redactor.redact(r.all);
  const report = parseDeployOutput(output, r.exitCode);
  return {
    ...report,
    exitCode: r.exitCode,
    logTail: output
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .slice(-40),
    command: [plan.fivetran, ...plan.args],
  };
}
