import { existsSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
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

  constructor(opts: WorkspaceOptions = {}) {
    this.flagRoots = (opts.roots ?? []).map((r) => safeRealpath(resolve(r)));
    this.env = opts.env ?? process.env;
    this.cwd = opts.cwd ?? process.cwd();
    this.enforce = opts.enforce ?? false;
  }

  setClientRoots(roots: string[]): void {
    this.clientRoots = roots.map((r) => safeRealpath(resolve(r)));
    this.rootsFetched = true;
  }

  /** Forget the client's roots; the next call asks again (on roots/list_changed). */
  invalidateClientRoots(): void {
    this.rootsFetched = false;
  }

  private async refreshRoots(): Promise<void> {
    if (this.rootsFetched || !this.rootsProvider) return;
    try {
      this.setClientRoots(await this.rootsProvider());
    } catch {
      // A client that advertises roots but fails to answer is treated as having none.
      this.rootsFetched = true;
    }
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
   * Resolves the connector folder for a tool call. Relative arguments resolve against the first root.
   * @param mustExist false for scaffold, which may create the folder.
   */
  async projectDir(arg: string | undefined, mustExist = true): Promise<string> {
    const roots = await this.roots();
    let candidate: string;
    if (arg && arg.trim() !== "") {
      if (arg.includes("\0")) throw new ToolError("invalid_argument", "project_dir contains a NUL byte.", "Pass a plain folder path.");
      const base = roots[0] ?? this.cwd;
      candidate = isAbsolute(arg) ? arg : resolve(base, arg);
    } else if (roots.length > 0) {
      candidate = roots[0];
    } else if (existsSync(join(this.cwd, "connector.py"))) {
      candidate = this.cwd;
    } else {
      throw new ToolError(
        "invalid_argument",
        "No connector folder was given and none could be found.",
        "Pass project_dir as an absolute path to the folder holding connector.py, or start the server with --workspace <folder>.",
      );
    }
    const real = realpathAllowingMissing(candidate);
    if (this.enforce && roots.length > 0 && !roots.some((r) => isInside(r, real))) {
      throw new ToolError(
        "outside_workspace",
        `The folder ${candidate} is outside the workspace (${roots.join(", ")}).`,
        "Use a folder inside the workspace, or add it as a root in the client or with --workspace.",
        candidate,
      );
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

  /**
   * Resolves a path inside a project folder and refuses anything that escapes it, through `..` or
   * through a symlink.
   */
  inside(projectDir: string, rel: string): string {
    // Security: resolve, then re-check the real path of what exists, so a symlink cannot point out.
    const target = resolve(projectDir, rel);
    if (!isInside(projectDir, target)) {
      throw new ToolError("outside_workspace", `The path ${rel} leaves the connector folder.`, "Use a path inside the connector folder.", rel);
    }
    const real = realpathAllowingMissing(target);
    if (!isInside(projectDir, real)) {
      throw new ToolError("outside_workspace", `The path ${rel} resolves through a link to outside the connector folder.`, "Remove the link or use a path inside the connector folder.", rel);
    }
    return real;
  }
}

export function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** The real path of the longest existing prefix, joined with the part that does not exist yet. */
export function realpathAllowingMissing(p: string): string {
  const abs = resolve(p);
  const missing: string[] = [];
  let cur = abs;
  for (;;) {
    if (existsSync(cur)) {
      const real = realpathSync(cur);
      return missing.length ? join(real, ...missing.reverse()) : real;
    }
    const parent = dirname(cur);
    if (parent === cur) return abs;
    missing.push(cur.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    cur = parent;
  }
}
