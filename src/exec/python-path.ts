import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, isAbsolute, join } from "node:path";

/**
 * Which interpreter a plain `python3` means: the lint's compile check and the embedded engine's harness start it.
 * A version manager's `python3` on PATH is a shell script (pyenv, asdf, mise shims) that forks bash and the
 * manager before exec'ing the real Python: about 0.07 s of CPU and several processes per start, for a result that
 * only changes when the selected version does. The real interpreter a shim picked is remembered in a small cache file, keyed
 * by everything the managers read to choose a version (their environment variables, the global version
 * file and the nearest .python-version), and checked again when any of those changes.
 */
export interface PythonChoice {
  command: string;
  /** Set when `command` is a version-manager shim: the cache key to store the resolved path under. */
  shimKey?: string;
}

const SHIM = /\b(pyenv|asdf|mise|rtx)\b/;
const MANAGER_VARS = ["PYENV_VERSION", "PYENV_ROOT", "ASDF_PYTHON_VERSION", "ASDF_DATA_DIR", "MISE_PYTHON_VERSION", "MISE_DATA_DIR"];

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const d of (env.PATH ?? "").split(delimiter)) {
    if (!d) continue;
    const p = join(d, name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

function isShim(path: string): boolean {
  try {
    if (statSync(path).size > 4096) return false;
    const head = readFileSync(path, "utf8");
    return head.startsWith("#!") && SHIM.test(head);
  } catch {
    return false;
  }
}

function mtime(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

/** The files that select a version for a folder and those under it: pyenv's, asdf's and mise's names. */
const VERSION_FILES = [".python-version", ".tool-versions", "mise.toml", ".mise.toml", ".config/mise.toml", ".mise/config.toml", "mise/config.toml", ".config/mise/config.toml"];

function nearestVersionFile(from: string): string {
  for (let d = from; ; d = dirname(d)) {
    for (const f of VERSION_FILES) {
      const p = join(d, f);
      if (mtime(p)) return `${p}@${mtime(p)}`;
    }
    if (dirname(d) === d) return "";
  }
}

export function cacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), ".cache");
  return join(base, "fivetran-connector-mcp", "python3.json");
}

function readCache(file: string): Record<string, string> {
  try {
    const v = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/**
 * `env`: the environment the interpreter will get (what a shim reads to pick a version); `cache`: the file the answers
 * are kept in, by default in the user's cache folder as `env` names it.
 */
export function choosePython(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd(), cache: string = cacheFile(env)): PythonChoice {
  const found = onPath("python3", env);
  if (!found || !isShim(found)) return { command: found ?? "python3" };
  const root = env.PYENV_ROOT ?? join(homedir(), ".pyenv");
  // Not the folder itself: what a manager selects depends on the version files from it up (their path is in the key),
  // so a new folder that has none of its own reuses the answer, instead of paying the shim's start on its first run.
  const key = JSON.stringify([found, ...MANAGER_VARS.map((v) => env[v] ?? ""), mtime(join(root, "version")), mtime(join(homedir(), ".tool-versions")), nearestVersionFile(cwd)]);
  const resolved = readCache(cache)[key];
  // Security: only an absolute path to an existing executable is used; anything else asks the shim again.
  if (resolved && isAbsolute(resolved)) {
    try {
      accessSync(resolved, constants.X_OK);
      return { command: resolved };
    } catch {
      // gone: fall through to the shim
    }
  }
  return { command: found, shimKey: key };
}

/**
 * Makes the folder and the missing ones above it, each once. Not mkdirSync's recursive option: it never returns where
 * mkdir keeps answering ENOENT under an existing parent (under /proc), and the runner calls this on every run.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  for (const d of missing) mkdirSync(d);
}

/** Remembers what a shim resolved to (best effort: a cache that cannot be written costs only speed). */
export function rememberPython(shimKey: string, executable: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!isAbsolute(executable)) return;
  const file = cacheFile(env);
  try {
    makeFolders(dirname(file));
    const all = readCache(file);
    // A handful of keys (projects × versions) at most; start over rather than grow without bound.
    const next = Object.keys(all).length > 64 ? {} : all;
    next[shimKey] = executable;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(next));
    renameSync(tmp, file);
  } catch {
    // read-only home: every lint goes through the shim
  }
}
