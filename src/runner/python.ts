import { startChild } from "../exec/child.js";
import { existsSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { ToolError } from "../errors.js";

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
    if (existsSync(p)) return p;
  }
  return "python3";
}

export interface PythonInfo {
  version: string;
  /** Version of fivetran-connector-sdk installed for this Python, if any. */
  sdkVersion?: string;
  /** The `fivetran` command next to this Python, if any. */
  fivetranBin?: string;
  binDir?: string;
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
const PROBE = [
  "import sys, os, json, importlib.util",
  "v = None",
  "if importlib.util.find_spec('fivetran_connector_sdk') is not None:\n from importlib import metadata\n try:\n  v = metadata.version('fivetran-connector-sdk')\n except Exception:\n  v = None",
  "print(json.dumps({'version': sys.version.split()[0], 'sdk': v, 'bin': os.path.dirname(sys.executable)}))",
].join("\n");

async function doProbe(python: string, env: Record<string, string>): Promise<PythonInfo> {
  let r;
  try {
    const c = startChild({ file: python, args: ["-c", PROBE], env, io: { stdin: "ignore" }, timeoutMs: 30_000 });
    r = await c.sub;
    c.dispose();
  } catch (e) {
    throw new ToolError(
      "python_not_found",
      `Cannot start Python (${python}): ${(e as Error).message}`,
      "Install Python 3.9+ or pass python / set FIVETRAN_CONNECTOR_PYTHON to an interpreter.",
      python,
    );
  }
  if (r.exitCode !== 0 || !r.stdout) {
    const why = r.failed && (r as { code?: string }).code === "ENOENT" ? "it was not found" : String(r.stderr || r.message).slice(-500);
    throw new ToolError("python_not_found", `Cannot start Python (${python}): ${why}`, "Install Python 3.9+ or pass python / set FIVETRAN_CONNECTOR_PYTHON to an interpreter.", python);
  }
  const info = JSON.parse(String(r.stdout).trim().split("\n").pop()!) as { version: string; sdk: string | null; bin: string };
  const [maj, min] = info.version.split(".").map(Number);
  if (maj < 3 || (maj === 3 && min < 9)) {
    throw new ToolError("python_not_found", `Python ${info.version} (${python}) is too old; connectors need 3.9 or newer.`, "Pass python pointing at Python 3.9-3.13.", python);
  }
  const fivetran = [join(info.bin, "fivetran"), join(info.bin, "fivetran.exe")].find((f) => existsSync(f));
  return { version: info.version, sdkVersion: info.sdk ?? undefined, fivetranBin: fivetran, binDir: info.bin };
}

export function sdkMajor(v?: string): number {
  return v ? Number.parseInt(v, 10) || 0 : 0;
}
