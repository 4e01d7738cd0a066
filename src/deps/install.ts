import { existsSync, lstatSync, renameSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { ConnectorProject } from "../workspace/project.js";
import { ToolError } from "../errors.js";
import { runProgram } from "./exec.js";
import { isRecordedVenv, recordVenv } from "./venv-record.js";
import { pipEnv } from "../exec/env.js";
import { parseInstalled, parsePipFailure, pipProgressMessage, type PipFailure } from "./pip-output.js";
import { checkRequirementPaths } from "./requirement-paths.js";
import { checkRequirements, parseRequirements, RUNTIME_PREINSTALLED, type RequirementIssue } from "./requirements.js";

export interface InstallOptions {
  projectDir: string;
  /** Interpreter that creates the venv; default FIVETRAN_CONNECTOR_PYTHON, else python3. */
  python?: string;
  /** Pass --upgrade to pip: newest versions the specifiers allow. */
  upgrade?: boolean;
  /** Delete an existing .venv this server built and create it again (one it did not build is always moved aside). */
  recreate?: boolean;
  /** Also install fivetran-connector-sdk into .venv (never into requirements.txt). */
  includeSdk?: boolean;
  timeoutSeconds?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  onProgress?: (step: number, message: string) => void;
}

export interface InstallResult {
  venv: string;
  python: string;
  pythonVersion: string;
  created: boolean;
  /** Where a .venv this server did not build was moved before a fresh one was built. */
  movedAside?: string;
  requirements: number;
  installed: { name: string; version: string }[];
  issues: RequirementIssue[];
  durationMs: number;
  logTail: string[];
}

/** Runtime Pythons Fivetran offers (sdk-behaviour §6.4); a venv outside them tests a different runtime. */
const SUPPORTED_MINORS = ["3.10", "3.11", "3.12", "3.13", "3.14"];

export function venvPython(projectDir: string): string {
  return process.platform === "win32" ? join(projectDir, ".venv", "Scripts", "python.exe") : join(projectDir, ".venv", "bin", "python");
}

export function basePython(python: string | undefined, env: NodeJS.ProcessEnv): string {
  return python?.trim() || env.FIVETRAN_CONNECTOR_PYTHON?.trim() || "python3";
}

export async function pythonVersion(python: string, opts: { env: Record<string, string>; signal?: AbortSignal }): Promise<string> {
  const r = await runProgram(python, ["-I", "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], { env: opts.env, timeoutMs: 20_000, signal: opts.signal });
  if (r.spawnError || r.exitCode !== 0) {
    throw new ToolError(
      "python_not_found",
      `Cannot run the Python interpreter ${python}${r.spawnError ? ` (${r.spawnError})` : ""}.`,
      "Install Python 3.10–3.14, or pass `python` (or set FIVETRAN_CONNECTOR_PYTHON) to the path of one.",
      python,
    );
  }
  return r.all.trim().split(/\s+/).pop() ?? "";
}

/**
 * Creates `<project>/.venv` and installs requirements.txt into it with the real pip against the
 * real index. The runner picks up `.venv/bin/python` on its own afterwards.
 */
export async function installRequirements(opts: InstallOptions): Promise<InstallResult> {
  const started = Date.now();
  const serverEnv = opts.env ?? process.env;
  // Security: pip, venv and the version probes see no secret of the server: pip expands ${VAR} in requirements.txt,
  // so whatever it can see, a requirements file can send to any index (see pipEnv).
  const pip = pipEnv(serverEnv);
  const env = pip.env;
  const timeoutMs = (opts.timeoutSeconds ?? 600) * 1000;
  const report = opts.onProgress ?? (() => {});
  // Security: requirements.txt is read, and .venv (which pip fills) resolved, through the project layer: a link leaving
  // the folder stops the install before pip runs.
  const project = ConnectorProject.of(opts.projectDir);
  project.resolve(".venv");
  const reqPath = project.resolve("requirements.txt");
  const reqText = project.readText("requirements.txt") ?? "";
  checkRequirementPaths(project, "requirements.txt", reqText);
  const parsed = parseRequirements(reqText);
  const issues = checkRequirements(parsed);
  const blocking = issues.filter((i) => i.severity === "error");
  if (blocking.length) {
    throw new ToolError(
      "dependency",
      blocking.map((i) => `line ${i.line}: ${i.message}`).join(" "),
      blocking.map((i) => i.hint).join(" "),
      blocking.map((i) => i.package),
    );
  }

  const venv = join(opts.projectDir, ".venv");
  const py = venvPython(opts.projectDir);
  let movedAside: string | undefined;
  // Security: a .venv this server did not build (it came with the folder, or changed since we recorded it) is never
  // run: its site-packages (a .pth file, a patched pip) execute as soon as its Python starts. It is moved aside, not
  // deleted (it may be the user's work), and a fresh one is built.
  const ours = existsSync(venv) && isRecordedVenv(venv);
  if (existsSync(venv) || isLink(venv)) {
    if (opts.recreate && ours) {
      report(0, "removing the old .venv");
      await rm(venv, { recursive: true, force: true });
    } else if (!ours) {
      movedAside = moveAside(project, venv);
      report(0, `moved the existing .venv, which this server did not build, aside to ${movedAside}`);
    }
  }
  try {
    return await buildAndInstall(opts, { env, pipArgs: pip.args, serverEnv, venv, py, reqPath, parsed, issues, movedAside, started, report, timeoutMs });
  } catch (e) {
    // The move aside happened whatever failed after it: the answer says so.
    if (movedAside && e instanceof ToolError) throw new ToolError(e.code, `${e.message} (The .venv that was here, not built by this server, was moved aside to ${movedAside}.)`, e.hint, e.value);
    throw e;
  }
}

interface BuildContext {
  env: Record<string, string>;
  pipArgs: string[];
  serverEnv: NodeJS.ProcessEnv;
  venv: string;
  py: string;
  reqPath: string;
  parsed: ReturnType<typeof parseRequirements>;
  issues: RequirementIssue[];
  movedAside: string | undefined;
  started: number;
  report: (step: number, message: string) => void;
  timeoutMs: number;
}

async function buildAndInstall(opts: InstallOptions, c: BuildContext): Promise<InstallResult> {
  const { env, serverEnv, venv, py, reqPath, parsed, issues, movedAside, started, report, timeoutMs } = c;
  let created = false;
  let base: string | undefined;
  if (!existsSync(py)) {
    base = basePython(opts.python, serverEnv);
    const version = await pythonVersion(base, { env, signal: opts.signal });
    if (!SUPPORTED_MINORS.includes(version.split(".").slice(0, 2).join("."))) {
      throw new ToolError(
        "python_not_found",
        `${base} is Python ${version}; Fivetran runs connectors on Python ${SUPPORTED_MINORS[0]}–${SUPPORTED_MINORS[SUPPORTED_MINORS.length - 1]}.`,
        "Pass `python` (or set FIVETRAN_CONNECTOR_PYTHON) to a Python 3.10–3.14 interpreter.",
        version,
      );
    }
    report(1, `creating .venv with ${base} (Python ${version})`);
    // Security: -I keeps the base Python from importing anything of the current folder or the user's site.
    const r = await runProgram(base, ["-I", "-m", "venv", venv], { env, timeoutMs: 120_000, signal: opts.signal });
    checkAborted(r, "creating .venv");
    if (r.exitCode !== 0 || !existsSync(py)) {
      await rm(venv, { recursive: true, force: true });
      const noEnsurepip = /ensurepip is not available|No module named ensurepip|No module named venv/.test(r.all);
      throw new ToolError(
        "python_not_found",
        `Could not create .venv with ${base}: ${lastLines(r.all, 3).join(" ") || `exit code ${r.exitCode}`}`,
        noEnsurepip ? "Install the venv module for this Python (Debian/Ubuntu: apt-get install python3-venv), or pass another `python`." : "Pass `python` with a working Python 3.10–3.14.",
      );
    }
    created = true;
    recordVenv(venv, base);
  }
  const venvVersion = await pythonVersion(py, { env, signal: opts.signal });

  const args = ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", ...c.pipArgs];
  if (opts.upgrade) args.push("--upgrade");
  const hasReqs = parsed.requirements.length > 0;
  if (hasReqs) args.push("-r", reqPath);
  // The venv stands in for Fivetran's runtime, which pre-installs these: without them a connector that imports
  // requests fails locally, and the only "fix" would be listing requests, which lint, deploy and this tool refuse.
  args.push(...RUNTIME_PREINSTALLED);
  if (opts.includeSdk) args.push("fivetran-connector-sdk");
  let installed: { name: string; version: string }[] = [];
  let tail: string[] = [];
  {
    report(2, `pip install (${parsed.requirements.length} requirement(s) + ${RUNTIME_PREINSTALLED.join(", ")}, pre-installed in production${opts.includeSdk ? " + fivetran-connector-sdk" : ""})`);
    let step = 2;
    // Security: -I: the connector folder (pip's working directory) is not on sys.path, so a pip/ or pip.py there is
    // never imported in place of the venv's pip; PYTHON* variables and the user's site are ignored too.
    const r = await runProgram(py, ["-I", ...args], {
      cwd: opts.projectDir,
      // pip must not read a user's PIP_REQUIRE_VIRTUALENV or target; the venv is the target.
      env: { ...env, PIP_REQUIRE_VIRTUALENV: "0", PYTHONUNBUFFERED: "1" },
      containWith: py,
      timeoutMs,
      signal: opts.signal,
      onLine: (line) => {
        const m = pipProgressMessage(line);
        if (m) report(++step, m);
      },
    });
    // What pip wrote is ours: recorded before any outcome, so a failed install is not taken for a foreign venv next time.
    recordVenv(venv, base);
    checkAborted(r, "pip install", timeoutMs);
    tail = lastLines(r.all, 30);
    if (r.exitCode !== 0) throw pipError(parsePipFailure(r.all), r.exitCode, tail);
    installed = parseInstalled(r.all);
  }
  return {
    venv,
    python: py,
    pythonVersion: venvVersion,
    created,
    ...(movedAside ? { movedAside } : {}),
    requirements: parsed.requirements.length,
    installed,
    issues,
    durationMs: Date.now() - started,
    logTail: tail,
  };
}

function checkAborted(r: { cancelled: boolean; timedOut: boolean }, what: string, timeoutMs?: number): void {
  if (r.cancelled) throw new ToolError("cancelled", `${what} was cancelled.`);
  if (r.timedOut) throw new ToolError("timeout", `${what} did not finish${timeoutMs ? ` in ${timeoutMs / 1000} s` : ""}.`, "Retry with a longer timeout_seconds, or check the network.");
}

function pipError(f: PipFailure | null, exitCode: number | null, tail: string[]): ToolError {
  if (!f) return new ToolError("dependency", `pip install failed with exit code ${exitCode}: ${tail.slice(-3).join(" ")}`, "Read the pip output and fix requirements.txt.");
  return new ToolError("dependency", `pip install failed (${f.kind}): ${f.message}`, f.hint, f.packages.length ? f.packages : undefined);
}

function lastLines(text: string, n: number): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "" && !/^WARNING: Location .* is ignored/.test(l))
    .slice(-n);
}

/** Name prefix of a .venv moved aside; lint, deploy and the proof tools skip these folders like .venv itself. */
export const VENV_ASIDE_PREFIX = ".venv.untrusted-";

/** Renames the folder's .venv (or a link named .venv) to a free name beside it; returns the new name. */
function moveAside(project: ConnectorProject, venv: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  for (let i = 0; ; i++) {
    const name = `${VENV_ASIDE_PREFIX}${stamp}${i ? `-${i}` : ""}`;
    // Security: the new name is resolved through the project layer too, and must not exist (no rename over a link).
    const target = project.resolve(name);
    if (existsSync(target) || isLink(target)) continue;
    try {
      renameSync(venv, target);
    } catch (e) {
      throw new ToolError(
        "dependency",
        `The existing .venv was not built by this server, and moving it aside failed: ${(e as Error).message}`,
        "Move or delete .venv yourself, then call install_requirements again; it builds a fresh one.",
      );
    }
    return name;
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
