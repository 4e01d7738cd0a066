import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from "node:path";
import { ToolError } from "../errors.js";

/**
 * Where connector folders may live, and how a folder argument becomes a real path.
 *
 * Resolution order for the project folder (clients start servers in `/` or the home folder, so the
 * working directory is the last resort): explicit argument, `--workspace`, the client's roots,
 * CLAUDE_PROJECT_DIR, then the working directory only when it holds a connector.
 */
export interface WorkspaceOptions {
  /** Folders given with --workspace. */
  roots?: string[];
  /** The process environment (CLAUDE_PROJECT_DIR). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /**
   * When true (the MCP server), a path outside every known root is refused. The CLI runs with the
   * user's own rights and passes false.
   */
  enforce?: boolean;
}

export class Workspace {
  private flagRoots: string[];
  private clientRoots: string[] = [];
  private readonly env: NodeJS.ProcessEnv;
  private readonly cwd: string;
  readonly enforce: boolean;
  /** Set by the MCP glue: fetches the client's roots when the client supports them. */
  rootsProvider?: () => Promise<string[]>;
  private rootsFetched = false;
  /** One roots/list request at a time, shared by concurrent tool calls. */
  private rootsInFlight?: Promise<void>;

  constructor(opts: WorkspaceOptions = {}) {
    this.flagRoots = (opts.roots ?? []).map((r) => safeRealpath(resolve(r)));
    this.env = opts.env ?? process.env;
    this.cwd = opts.cwd ?? process.cwd();
    this.enforce = opts.enforce ?? false;
  }

  setClientRoots(roots: string[]): void {
    // Security: a root that is not an absolute path, or holds a NUL byte, is ignored rather than
    // resolved against our working directory.
    this.clientRoots = roots.filter((r) => isAbsolute(r) && !r.includes("\0")).map((r) => safeRealpath(resolve(r)));
    this.rootsFetched = true;
  }

  /** Forget the client's roots; the next call asks again (on roots/list_changed). */
  invalidateClientRoots(): void {
    this.rootsFetched = false;
  }

  private async refreshRoots(): Promise<void> {
    if (this.rootsFetched || !this.rootsProvider) return;
    const provider = this.rootsProvider;
    this.rootsInFlight ??= (async () => {
      try {
        this.setClientRoots(await provider());
      } catch {
        // A client that advertises roots but fails to answer (Cursor answered -32601) is treated as
        // having none until it says its roots changed.
        this.clientRoots = [];
        this.rootsFetched = true;
      } finally {
        this.rootsInFlight = undefined;
      }
    })();
    await this.rootsInFlight;
  }

  /** All roots that bound the sandbox, most specific source first. */
  async roots(): Promise<string[]> {
    await this.refreshRoots();
    const out = [...this.flagRoots, ...this.clientRoots];
    const claude = this.env.CLAUDE_PROJECT_DIR;
    if (claude && existsSync(claude)) out.push(safeRealpath(claude));
    return [...new Set(out)];
  }

  /**
   * The working directory, when it can stand in for a workspace: it holds a connector and is not
   * the filesystem root, the home folder or a system folder (where GUI clients start servers).
   */
  cwdWorkspace(): string | undefined {
    const cwd = safeRealpath(resolve(this.cwd));
    if (isSystemFolder(cwd)) return undefined;
    if (existsSync(join(cwd, "connector.py")) || existsSync(join(cwd, "configuration.json"))) return cwd;
    return undefined;
  }

  /**
   * Resolves the connector folder for a tool call, in order: the argument, the first --workspace
   * folder, the first client root, CLAUDE_PROJECT_DIR, the working directory when it holds a
   * connector. Relative arguments resolve against the first of those that exists.
   * @param mustExist false for scaffold, which may create the folder.
   */
  async projectDir(arg: string | undefined, mustExist = true): Promise<string> {
    if (arg !== undefined) checkPathArgument(arg, "project_dir");
    let roots = await this.roots();
    if (roots.length === 0) {
      const cwd = this.cwdWorkspace();
      if (cwd) roots = [cwd];
    }
    const given = arg !== undefined && arg.trim() !== "";
    let candidate: string;
    if (given && isAbsolute(arg)) {
      candidate = arg;
    } else if (given && roots.length > 0) {
      candidate = resolve(roots[0], arg);
    } else if (given && !this.enforce) {
      // The CLI runs with the user's own rights in the user's own folder.
      candidate = resolve(this.cwd, arg);
    } else if (given) {
      throw new ToolError("invalid_argument", `project_dir "${arg}" is relative, and there is no workspace to resolve it against (the server was started in ${this.cwd}).`, NO_FOLDER_HINT, arg);
    } else if (roots.length > 0) {
      candidate = roots[0];
      if (mustExist) refuseNonConnectorRoot(roots);
    } else {
      throw new ToolError("invalid_argument", "No connector folder was given and none could be found.", NO_FOLDER_HINT);
    }
    const real = realpathAllowingMissing(candidate);
    if (this.enforce) {
      if (roots.length > 0 && !roots.some((r) => isInside(r, real))) {
        throw new ToolError(
          "outside_workspace",
          `The folder ${candidate} is outside the workspace (${roots.join(", ")}).`,
          "Use a folder inside the workspace, or add it as a root in the client or with --workspace.",
          candidate,
        );
      }
      // Security: with no workspace known, an absolute folder is accepted as its own workspace, but
      // never the filesystem root, the home folder or a system folder.
      if (roots.length === 0 && isSystemFolder(real)) {
        throw new ToolError(
          "outside_workspace",
          `${candidate} is a system or home folder, not a connector folder.`,
          "Pass the folder that holds connector.py, or start the server with --workspace <folder>.",
          candidate,
        );
      }
    }
    if (mustExist) {
      if (!existsSync(real)) {
        throw new ToolError("not_found", `The folder ${candidate} does not exist.`, "Check the path, or create the connector first with scaffold.", candidate);
      }
      if (!statSync(real).isDirectory()) {
        throw new ToolError("invalid_argument", `${candidate} is a file, not a folder.`, "Pass the folder that holds connector.py.", candidate);
      }
    }
    return real;
  }

  /** Connector folders below every root (bounded), for the error of a call without project_dir and for completions. */
  async connectorFolders(): Promise<string[]> {
    const roots = await this.roots();
    if (roots.length === 0) {
      const cwd = this.cwdWorkspace();
      if (cwd) roots.push(cwd);
    }
    return [...new Set(roots.flatMap((r) => findConnectorFolders(r)))].slice(0, MAX_LISTED_FOLDERS);
  }
}

/** How deep below a root, and how many, connector folders are looked for: a workspace can be a home-sized tree. */
const MAX_SEARCH_DEPTH = 3;
const MAX_LISTED_FOLDERS = 20;
const MAX_VISITED_FOLDERS = 2_000;
const SKIPPED_FOLDERS = new Set(["node_modules", "files", "__pycache__", "venv", "env", "site-packages", "dist", "build"]);

/**
 * Folders holding connector.py at or below `root`, breadth first, nearest first. Links are not followed (a link can
 * lead out of the workspace or into a loop), nor hidden folders (.git, .venv) and the usual dependency folders.
 */
export function findConnectorFolders(root: string, maxDepth = MAX_SEARCH_DEPTH, max = MAX_LISTED_FOLDERS): string[] {
  const found: string[] = [];
  let level = [root];
  let visited = 0;
  for (let depth = 0; depth <= maxDepth && level.length > 0 && found.length < max; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (visited++ >= MAX_VISITED_FOLDERS || found.length >= max) break;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      // Security: isFile()/isDirectory() of a Dirent describe the entry itself, so links are neither listed nor entered.
      if (entries.some((e) => e.name === "connector.py" && e.isFile())) found.push(dir);
      for (const e of entries) {
        if (e.isDirectory() && !e.name.startsWith(".") && !SKIPPED_FOLDERS.has(e.name)) next.push(join(dir, e.name));
      }
    }
    level = next.sort();
  }
  return found;
}

/** A call without project_dir in a workspace whose root is not a connector, but that holds some: name them. */
function refuseNonConnectorRoot(roots: string[]): void {
  const root = roots[0];
  if (existsSync(join(root, "connector.py"))) return;
  const folders = [...new Set(roots.flatMap((r) => findConnectorFolders(r)))].slice(0, MAX_LISTED_FOLDERS);
  if (folders.length === 0) return;
  throw new ToolError(
    "not_found",
    `No project_dir was given, and the workspace root ${root} is not a connector folder (it has no connector.py). ` +
      `Connector folders in the workspace: ${folders.join(", ")}${folders.length === MAX_LISTED_FOLDERS ? " (the first " + MAX_LISTED_FOLDERS + ")" : ""}.`,
    `Call again with project_dir set to one of them, e.g. project_dir: "${folders[0]}".`,
    folders,
  );
}

const NO_FOLDER_HINT =
  "Pass project_dir as an absolute path to the folder holding connector.py, or start the server with --workspace <folder> " +
  '(in the client configuration: "args": ["-y", "fivetran-connector-mcp", "--workspace", "/abs/path"]).';

/** Longest path argument accepted; Linux PATH_MAX is 4096 bytes. */
export const MAX_PATH_CHARS = 4096;
/** Longest single path component on common filesystems, in bytes. */
const MAX_COMPONENT_BYTES = 255;

/** Rejects path arguments no filesystem call should ever see. */
export function checkPathArgument(p: unknown, what = "path"): asserts p is string {
  if (typeof p !== "string") throw new ToolError("invalid_argument", `${what} must be a string.`, "Pass a folder path as text.");
  // Security: a NUL byte truncates the path in C APIs, so what is checked would differ from what is opened.
  if (p.includes("\0")) throw new ToolError("invalid_argument", `${what} contains a NUL byte.`, "Pass a plain path.");
  if (p.length > MAX_PATH_CHARS) {
    throw new ToolError("invalid_argument", `${what} is ${p.length} characters long; the limit is ${MAX_PATH_CHARS}.`, "Pass a shorter path.");
  }
  if (p.split(/[\\/]/).some((c) => Buffer.byteLength(c) > MAX_COMPONENT_BYTES)) {
    throw new ToolError("invalid_argument", `${what} has a component longer than ${MAX_COMPONENT_BYTES} bytes.`, "Pass a path with shorter names.");
  }
}

const SYSTEM_FOLDERS = new Set(
  [
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/lib",
    "/lib64",
    "/opt",
    "/private",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/srv",
    "/sys",
    "/usr",
    "/var",
    "/System",
    "/Library",
    "/Applications",
    "/Users",
    "/home",
    "/Volumes",
    "/tmp",
    "/private/tmp",
    "/private/var",
  ].map((p) => resolve(p)),
);

/** The filesystem root, the home folder, a top-level system folder, or a folder inside /etc, /usr, /proc, /sys, /dev. */
export function isSystemFolder(p: string): boolean {
  const abs = resolve(p);
  if (abs === parse(abs).root) return true;
  if (abs === safeRealpath(homedir())) return true;
  if (SYSTEM_FOLDERS.has(abs)) return true;
  if (process.platform === "win32" && /^[a-z]:\\windows(\\|$)/i.test(abs)) return true;
  return ["/etc", "/usr", "/proc", "/sys", "/dev", "/bin", "/sbin", "/boot"].some((d) => isInside(d, abs));
}

export function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  // "..foo" is a name inside the root; only ".." itself or "../" leaves it.
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * The real path of the longest existing prefix, joined with the part that does not exist yet.
 * A dangling symlink counts as existing: its target is where a write would land.
 */
export function realpathAllowingMissing(p: string, depth = 0): string {
  const abs = resolve(p);
  const missing: string[] = [];
  let cur = abs;
  for (;;) {
    if (existsSync(cur)) {
      const real = realpathSync(cur);
      return missing.length ? join(real, ...missing.reverse()) : real;
    }
    // Security: existsSync follows links, so a dangling link looks absent; follow it by hand.
    const link = danglingLinkTarget(cur);
    if (link !== undefined) {
      if (depth > 40) throw new ToolError("invalid_argument", `Too many levels of symbolic links at ${cur}.`, "Remove the link loop.", cur);
      const followed = realpathAllowingMissing(resolve(dirname(cur), link), depth + 1);
      return missing.length ? join(followed, ...missing.reverse()) : followed;
    }
    const parent = dirname(cur);
    if (parent === cur) return abs;
    missing.push(cur.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    cur = parent;
  }
}

function danglingLinkTarget(p: string): string | undefined {
  try {
    return lstatSync(p).isSymbolicLink() ? readlinkSync(p) : undefined;
  } catch {
    return undefined;
  }
}
