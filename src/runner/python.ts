import { startChild } from "../exec/child.js";
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, delimiter, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { ToolError } from "../errors.js";
import { HARNESS_DIR } from "../paths.js";
import { isRecordedVenv } from "../deps/venv-record.js";

/**
 * Which Python runs the connector: the `python` argument, else FIVETRAN_CONNECTOR_PYTHON, else the
 * connector folder's .venv, else python3 on PATH.
 */
export function resolvePython(projectDir: string, explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = explicit?.trim() || env.FIVETRAN_CONNECTOR_PYTHON?.trim();
  if (given) {
    if (given.includes("\0")) throw new ToolError("invalid_argument", "python contains a NUL byte.", "Pass the path of a Python interpreter.");
    const looksLikePath = given.includes("/") || given.includes("\\");
    if (!looksLikePath) return given; // a command name such as python3.12, found on PATH
    const p = isAbsolute(given) ? given : resolve(projectDir, given);
    if (!existsSync(p) || statSync(p).isDirectory()) {
      throw new ToolError(
        "python_not_found",
        `The Python interpreter ${given} does not exist.`,
        "Pass the path of a python executable (for example .venv/bin/python), or leave python unset to use the connector's .venv or python3.",
        given,
      );
    }
    return p;
  }
  for (const rel of [
    [".venv", "bin", "python"],
    [".venv", "Scripts", "python.exe"],
    ["venv", "bin", "python"],
  ]) {
    const p = join(projectDir, ...rel);
    if (existsSync(p)) {
      checkFolderInterpreter(projectDir, p, env);
      return p;
    }
  }
  return "python3";
}

/**
 * The interpreters the server trusts outside a connector folder, by real path, and the folders holding them: the one
 * it would use itself (FIVETRAN_CONNECTOR_PYTHON, python3 on PATH), the other python3.N on PATH, and the versions
 * that managers installed in the user's home (pyenv, uv, asdf, mise) or a conda environment. Found without running
 * anything.
 */
function trustedInterpreters(env: NodeJS.ProcessEnv): { files: Set<string>; dirs: Set<string> } {
  const key = [env.PATH, env.FIVETRAN_CONNECTOR_PYTHON, env.PYENV_ROOT, env.CONDA_PREFIX, env.XDG_DATA_HOME, env.UV_PYTHON_INSTALL_DIR, env.ASDF_DATA_DIR].join("\0");
  const hit = trustedCache.get(key);
  if (hit) return hit;
  const files = new Set<string>();
  const dirs = new Set<string>();
  const names = ["python", "python3", ...Array.from({ length: 7 }, (_, i) => `python3.${i + 8}`)];
  const addDir = (dir: string) => {
    for (const n of names) {
      const p = join(dir, n);
      try {
        const real = realpathSync(p);
        if (!statSync(real).isFile()) continue;
        files.add(real);
        dirs.add(dirname(real));
        dirs.add(realpathSync(dir));
      } catch {
        // Not there: nothing to trust.
      }
    }
  };
  const own = env.FIVETRAN_CONNECTOR_PYTHON?.trim();
  if (own && isAbsolute(own)) addDir(dirname(own));
  for (const dir of (env.PATH ?? "").split(delimiter)) if (isAbsolute(dir)) addDir(dir);
  // The Pythons version managers install under the user's home (what `uv venv`, `pyenv`, asdf and mise venvs link to).
  const home = homedir();
  const data = env.XDG_DATA_HOME?.trim() && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, ".local", "share");
  for (const versions of [
    join(env.PYENV_ROOT?.trim() || join(home, ".pyenv"), "versions"),
    env.UV_PYTHON_INSTALL_DIR?.trim() || join(data, "uv", "python"),
    join(env.ASDF_DATA_DIR?.trim() || join(home, ".asdf"), "installs", "python"),
    join(data, "mise", "installs", "python"),
  ]) {
    if (!isAbsolute(versions)) continue;
    try {
      for (const v of readdirSync(versions)) addDir(join(versions, v, "bin"));
    } catch {
      // Not installed.
    }
  }
  if (env.CONDA_PREFIX && isAbsolute(env.CONDA_PREFIX)) addDir(join(env.CONDA_PREFIX, "bin"));
  const out = { files, dirs };
  trustedCache.set(key, out);
  return out;
}
const trustedCache = new Map<string, { files: Set<string>; dirs: Set<string> }>();

/**
 * The folder's own .venv interpreter runs only as the connector's interpreter (running the connector is the user's
 * decision), and only when it is the folder's own file or a system interpreter the server trusts: a link that leads
 * through another folder (a sibling connector's venv, a download folder) runs a program nobody chose.
 */
export function checkFolderInterpreter(projectDir: string, py: string, env: NodeJS.ProcessEnv = process.env): void {
  const root = realpathSync(projectDir);
  const inside = (p: string) => {
    const rel = relative(root, p);
    return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
  };
  let trusted: { files: Set<string>; dirs: Set<string> } | undefined;
  const refuse = (where: string) =>
    new ToolError(
      "python_not_found",
      `${relative(projectDir, py) || py} is a link to ${where}, which is neither inside the connector folder nor a Python interpreter this server trusts (FIVETRAN_CONNECTOR_PYTHON, a python3 on PATH, a pyenv, uv, asdf, mise or conda version).`,
      "Call install_requirements to build .venv from a trusted Python (it moves the present one aside), or pass `python` with the interpreter you mean to run the connector with.",
      relative(projectDir, py),
    );
  // Security: every link on the way is followed by hand; each hop must stay in the folder or land on a trusted
  // interpreter in a trusted folder (a sibling folder's python3, even one linking to the system's, is refused).
  let cur = py;
  for (let hops = 0; hops < 40; hops++) {
    let dirReal: string;
    try {
      dirReal = realpathSync(dirname(cur));
    } catch {
      throw refuse(cur);
    }
    const here = join(dirReal, basename(cur));
    let st;
    try {
      st = lstatSync(here);
    } catch {
      throw refuse(here);
    }
    if (!inside(here)) {
      trusted ??= trustedInterpreters(env);
      let real: string;
      try {
        real = realpathSync(here);
      } catch {
        throw refuse(here);
      }
      if (trusted.dirs.has(dirReal) && trusted.files.has(real)) return;
      // A venv install_requirements built in this folder from the `python` it was given, unchanged since, is the
      // server's own (one it built in another folder, reached through a link, is not this folder's).
      const venv = join(projectDir, relative(projectDir, py).split(sep)[0] ?? ".venv");
      if (inside(realpathSync(venv)) && isRecordedVenv(venv)) return;
      throw refuse(here);
    }
    if (!st.isSymbolicLink()) return;
    const target = readlinkSync(here);
    cur = isAbsolute(target) ? target : join(dirReal, target);
  }
  throw refuse(cur);
}

export interface PythonInfo {
  version: string;
  /** Version of fivetran-connector-sdk installed for this Python, if any. */
  sdkVersion?: string;
  /** The `fivetran` command next to this Python, if any. */
  fivetranBin?: string;
  binDir?: string;
  /** The error handler this Python gives stdout when PYTHONIOENCODING names none (from its locale). */
  stdioErrors?: string;
}

const cache = new Map<string, Promise<PythonInfo>>();

/** Asks a Python what it is and whether the real SDK is installed for it (cached per interpreter). */
export function probePython(python: string, env: Record<string, string>): Promise<PythonInfo> {
  let p = cache.get(python);
  if (!p) {
    p = doProbe(python, env);
    cache.set(python, p);
    p.catch(() => cache.delete(python));
  }
  return p;
}

// importlib.metadata reads every installed distribution; find_spec only looks for the module, so a Python without
// the SDK (the embedded engine's case) answers in about two thirds of the time.
// The error handler this Python gives stdout when nothing forces one (ftmcp_stdio.py), for the real SDK's process.
const PROBE = [
  "import sys, os, json, importlib.util",
  "v = None",
  "if importlib.util.find_spec('fivetran_connector_sdk') is not None:\n from importlib import metadata\n try:\n  v = metadata.version('fivetran-connector-sdk')\n except Exception:\n  v = None",
  `sys.path.insert(0, ${JSON.stringify(HARNESS_DIR)})`,
  "import ftmcp_stdio",
  "print(json.dumps({'version': sys.version.split()[0], 'sdk': v, 'bin': os.path.dirname(sys.executable), 'stdio_errors': ftmcp_stdio.default_errors()}))",
].join("\n");

async function doProbe(python: string, env: Record<string, string>): Promise<PythonInfo> {
  let r;
  try {
    const c = startChild({ file: python, args: ["-c", PROBE], env, io: { stdin: "ignore" }, timeoutMs: 30_000 });
    r = await c.sub;
    c.dispose();
  } catch (e) {
    throw new ToolError("python_not_found", `Cannot start Python (${python}): ${(e as Error).message}`, PYTHON_HINT, python);
  }
  if (r.exitCode !== 0 || !r.stdout) {
    const why = r.failed && (r as { code?: string }).code === "ENOENT" ? "it was not found" : String(r.stderr || r.message).slice(-500);
    throw new ToolError("python_not_found", `Cannot start Python (${python}): ${why}`, PYTHON_HINT, python);
  }
  const info = JSON.parse(String(r.stdout).trim().split("\n").pop()!) as { version: string; sdk: string | null; bin: string; stdio_errors?: string };
  checkPythonVersion(info.version, python);
  const fivetran = [join(info.bin, "fivetran"), join(info.bin, "fivetran.exe")].find((f) => existsSync(f));
  return { version: info.version, sdkVersion: info.sdk ?? undefined, fivetranBin: fivetran, binDir: info.bin, stdioErrors: info.stdio_errors };
}

/** What to do about a Python that cannot run connectors. */
export const PYTHON_HINT = "Install Python 3.9+ or pass python / set FIVETRAN_CONNECTOR_PYTHON to an interpreter.";

/** Connectors need Python 3.9 or newer (the SDK's own floor): an older one is a usage error. */
export function checkPythonVersion(version: string, python: string): void {
  const [maj, min] = version.split(".").map(Number);
  if (maj < 3 || (maj === 3 && (min ?? 0) < 9)) {
    throw new ToolError("python_not_found", `Python ${version} (${python}) is too old; connectors need 3.9 or newer.`, "Pass python pointing at Python 3.9-3.13.", python);
  }
}

export function sdkMajor(v?: string): number {
  return v ? Number.parseInt(v, 10) || 0 : 0;
}
