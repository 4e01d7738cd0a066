import { execa, type Options, type ResultPromise } from "execa";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { onShutdown } from "../lifecycle.js";
import { HARNESS_DIR } from "../paths.js";

export type StopReason = "timeout" | "cancelled" | "shutdown" | "failed" | "output_limit" | "memory";

/**
 * What held a child's process tree together. pid_namespace: a PID namespace of its own with its own /proc, in a user
 * namespace (Linux, when the kernel allows unprivileged user namespaces): the tree can name nothing outside itself and
 * dies whole with its init. process_group_subreaper: its own process group under a subreaper that kills the tree
 * (Linux without namespaces). process_group: its own process group only (other platforms, and children that need no
 * containment).
 */
export type Containment = "pid_namespace" | "process_group_subreaper" | "process_group";

/** Set to `subreaper` to run connectors without the PID namespace even where the kernel allows one. */
export const CONTAINMENT_ENV = "FIVETRAN_CONNECTOR_MCP_CONTAINMENT";

const KILL_GRACE_MS = 2_000;
const SUPERVISOR = join(HARNESS_DIR, "ftmcp_supervise.py");

export interface ChildOptions {
  file: string;
  args: string[];
  cwd?: string;
  /** The child's whole environment, from childEnv() (src/exec/env.ts); nothing else is inherited. */
  env: Record<string, string>;
  /** stdio and output options for execa; everything that bears on safety is set here and cannot be overridden. */
  io: Pick<Options, "stdio" | "stdin" | "all" | "buffer" | "encoding" | "stripFinalNewline">;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * A Python that runs the tree supervisor (ftmcp_supervise.py): the child then runs in a PID namespace of its own
   * where the kernel allows one, else under a subreaper; either way every process of its tree dies when it ends,
   * setsid() escapees included (see Containment). Linux only; elsewhere the process group is all there is.
   */
  containWith?: string;
  /**
   * With containWith, while the namespace probe started by prepareContainment has not answered: start in a PID
   * namespace now, as if it had said yes, instead of waiting for it. The caller gives the program no work (no job,
   * nothing of a connector runs) before confirmed() says the probe agreed; where it did not, the child is stopped and
   * the caller starts another. Saves the probe's time (more when DuckDB's load holds the event loop) on every first run.
   */
  speculate?: boolean;
}

export interface Child {
  sub: ResultPromise;
  readonly stopReason: StopReason | undefined;
  stop(reason: StopReason): void;
  /** Kills the child's process group now (the supervisor, if any, then kills what left the group). */
  killGroup(sig: NodeJS.Signals): void;
  /** The pid of the program itself (under a supervisor, the supervisor's child), once known. */
  programPid(): number | undefined;
  /** Stops the timers and listeners; called once the child has exited. */
  dispose(): void;
  /** What held the tree together (see Containment). */
  readonly containment: Containment;
  /**
   * True once the containment the child was started with is the probe's answer (at once unless it was started
   * speculatively); false when the probe refused the namespace it was started in: it is being stopped (reason
   * failed) and must be started again, without having been given work.
   */
  confirmed(): Promise<boolean>;
  /**
   * True when processes of the tree were still alive after the child (the supervisor) exited, or held its stdio or
   * channel open: the tree was killed from inside; they were killed and the streams closed on our side.
   */
  readonly escaped: boolean;
}

/** How long the streams may stay open after the child exited before its leftovers count as escaped. */
const ESCAPE_GRACE_MS = 500;
/** How many graces a stream with no holder but unread output gets (ten minutes): see the check in startChild(). */
const ESCAPE_CHECKS = 1200;
/** The environment variable that marks the processes of one supervised tree. */
const TREE_VAR = "FTMCP_TREE_ID";

/**
 * The one way this package starts a child process: an argument array and no shell, an allow-listed environment
 * (never the server's), our stdin and stdout never inherited, its own process group, a timeout, the caller's
 * cancel signal, the server's shutdown, and a group kill (SIGTERM, then SIGKILL after a grace) at each of them.
 */
export function startChild(o: ChildOptions): Child {
  const contain = o.containWith !== undefined && process.platform === "linux" && existsSync(SUPERVISOR);
  const python = contain ? supervisorPython(o.containWith!) : "";
  // Security: a speculative namespace is one the probe has yet to confirm (see ChildOptions.speculate).
  const pending = contain && o.speculate === true && !subreaperOnly() && !probed.has(python) ? probing.get(python) : undefined;
  const containment: Containment = !contain ? "process_group" : pending || namespacesWork(python) ? "pid_namespace" : "process_group_subreaper";
  const [file, args] = contain ? [python, ["-I", "-S", SUPERVISOR, ...(containment === "pid_namespace" ? ["--pidns"] : []), o.file, ...o.args]] : [o.file, o.args];
  // Security: a mark every process of the tree inherits (exec keeps the environment), so that what escaped the
  // supervisor can still be found by it after the supervisor itself was killed.
  const treeId = contain ? randomUUID() : undefined;
  const sub = execa(file, args, {
    ...o.io,
    cwd: o.cwd,
    env: treeId ? { ...o.env, [TREE_VAR]: treeId } : o.env,
    // Security: the environment is exactly the allow-list the caller built; execa would otherwise add ours.
    extendEnv: false,
    // Security: never a shell, whatever the arguments hold.
    shell: false,
    reject: false,
    // Security: own process group, so a kill reaches every process the child started.
    detached: true,
    cleanup: true,
    windowsHide: true,
  }) as unknown as ResultPromise;
  let stopReason: StopReason | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  let programPid: number | undefined = contain ? undefined : sub.pid;
  let escaped = false;
  // The child's ends of its stdio and channel, read now while it holds them: whatever process still holds one after
  // the child exited is one of its leftovers, wherever it went (another session, re-parented to init).
  const held = process.platform === "linux" && sub.pid !== undefined ? socketsOf(sub.pid) : new Set<string>();
  const streams = () =>
    ((sub.stdio as unknown as (NodeJS.ReadableStream | NodeJS.WritableStream | null | undefined)[]) ?? []).filter(
      (x): x is NodeJS.ReadableStream & { destroy(): void; closed?: boolean; readableFlowing?: boolean | null; readableLength?: number } => !!x,
    );
  let escapeTimer: NodeJS.Timeout | undefined;
  // Security: without a PID namespace the supervisor itself can be killed from inside (a connector SIGKILLs its
  // parent); its escapees (setsid(), kept fds) then hold the stdio and channel open, and execa, the log readers and
  // the channel reader would wait for an EOF that never comes. Once the child is gone, give the streams a short grace,
  // then kill every process still holding one of the child's ends, and every process carrying the tree's mark, and
  // destroy ours. What remains in that mode: an escapee that closed those fds and exec'd with a clean environment
  // before the supervisor died is found by nothing here and outlives the run (it no longer blocks it). In a PID
  // namespace (containment pid_namespace) none of this can happen: init ignores signals from inside, and every
  // process of the tree dies with it; the checks stay as a second line.
  (sub as unknown as NodeJS.EventEmitter).once("exit", () => {
    // Left alive after the supervisor exited means the supervisor did not end its tree: it was killed from inside.
    if (treeId && killMarked(treeId) > 0) escaped = true;
    let checks = 0;
    const check = () => {
      const open = streams().filter((x) => !x.closed);
      if (open.length === 0) return;
      // A stream is also open when the child's end is closed but what it wrote before it exited is still unread
      // here: the reader paused it (a sync whose warehouse lags the connector; 283 ended "killed from inside" at
      // 3,082 of 4,210 upserts). That stream ends once read, so it gets more time (within a bound) unless a process
      // still holds the child's end or carries the tree's mark, which proves an escape. Any other open stream (a
      // stdin never ended, one read as it comes) is taken for held, as it was.
      const killed = killHolders(held) + (treeId ? killMarked(treeId) : 0);
      const unread = open.some((x) => x.readableFlowing === false || (x.readableLength ?? 0) > 0);
      if (killed === 0 && unread && ++checks < ESCAPE_CHECKS) {
        escapeTimer = setTimeout(check, ESCAPE_GRACE_MS);
        escapeTimer.unref();
        return;
      }
      escaped = true;
      for (const x of open) x.destroy();
    };
    escapeTimer = setTimeout(check, ESCAPE_GRACE_MS);
    escapeTimer.unref();
  });

  const killGroup = (sig: NodeJS.Signals) => {
    if (sub.pid === undefined) return;
    try {
      process.kill(-sub.pid, sig);
    } catch {
      try {
        sub.kill(sig);
      } catch {
        // already gone
      }
    }
  };
  const stop = (reason: StopReason) => {
    if (stopReason) return;
    stopReason = reason;
    killGroup("SIGTERM");
    killTimer = setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
    killTimer.unref();
  };
  const timer = o.timeoutMs && o.timeoutMs > 0 ? setTimeout(() => stop("timeout"), o.timeoutMs) : undefined;
  const onAbort = () => stop("cancelled");
  if (o.signal?.aborted) queueMicrotask(onAbort);
  else o.signal?.addEventListener("abort", onAbort, { once: true });
  const offShutdown = onShutdown(() => {
    stop("shutdown");
    killGroup("SIGKILL");
  });
  // stdin errors (EPIPE after the child died) are expected, not crashes of the server.
  sub.stdin?.on("error", () => {});

  return {
    sub,
    get stopReason() {
      return stopReason;
    },
    stop,
    killGroup,
    programPid() {
      if (programPid === undefined && sub.pid !== undefined) {
        // In a namespace the program is init's child: supervisor → init → program.
        const below = childOf(sub.pid);
        programPid = containment === "pid_namespace" && below !== undefined ? childOf(below) : below;
      }
      return programPid;
    },
    containment,
    confirmed() {
      if (!pending) return Promise.resolve(true);
      return pending.then(() => {
        if (probed.get(python) === true) return true;
        stop("failed");
        return false;
      });
    },
    get escaped() {
      return escaped;
    },
    dispose() {
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      if (escapeTimer) clearTimeout(escapeTimer);
      o.signal?.removeEventListener("abort", onAbort);
      offShutdown();
    },
  };
}

const probing = new Map<string, Promise<void>>();
const probed = new Map<string, boolean>();

/**
 * Starts asking (once per interpreter, in the background) whether the supervisor can use a PID namespace here, and
 * resolves once the answer is known; a spawn with containWith then finds it without blocking. Run at a sync's start,
 * the probe (~90 ms idle, more when the machine is busy) overlaps the other start-up work instead of stopping the
 * event loop in the first spawn. Never rejects: a probe that cannot run answers no.
 */
export function prepareContainment(containWith: string): Promise<void> {
  if (process.platform !== "linux" || !existsSync(SUPERVISOR) || subreaperOnly()) return Promise.resolve();
  const python = supervisorPython(containWith);
  let p = probing.get(python);
  if (!p) {
    p = new Promise<void>((resolve) => {
      const c = spawn(python, PROBE_ARGS, { stdio: "ignore", timeout: 10_000, env: PROBE_ENV() });
      const answer = (ok: boolean) => {
        // A synchronous probe that ran meanwhile (another caller) already answered; the first answer stays.
        if (!probed.has(python)) probed.set(python, ok);
        resolve();
      };
      c.once("error", () => answer(false));
      c.once("exit", (code) => answer(code === 0));
    });
    probing.set(python, p);
  }
  return p;
}

const PROBE_ARGS = ["-I", "-S", SUPERVISOR, "--probe"];
const PROBE_ENV = () => ({ PATH: process.env.PATH ?? "/usr/bin:/bin" });
const subreaperOnly = () => process.env[CONTAINMENT_ENV]?.trim() === "subreaper";

/**
 * Whether the supervisor can put a tree in a PID namespace here: asked once per interpreter (`--probe` sets up the
 * namespaces and checks that its child is pid 2 and sees only pid 1 and itself), never assumed. Kernels that forbid
 * unprivileged user namespaces, seccomp profiles and /proc mounts that may not be mounted again all answer no.
 * The answer comes from prepareContainment when it was awaited first (the sync engines do); other callers (deploy,
 * pip) ask here synchronously.
 */
function namespacesWork(python: string): boolean {
  if (subreaperOnly()) return false;
  let ok = probed.get(python);
  if (ok === undefined) {
    const r = spawnSync(python, PROBE_ARGS, { stdio: "ignore", timeout: 10_000, env: PROBE_ENV() });
    ok = r.status === 0;
    probed.set(python, ok);
  }
  return ok;
}

let systemPython: string | null | undefined;
/**
 * The interpreter for the supervisor: the system's python3 when there is one (a pyenv or asdf shim, which a
 * connector's `python3` often is, costs ~300 ms per start here, the system interpreter ~50 ms), else the given one.
 */
function supervisorPython(fallback: string): string {
  systemPython ??= ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"].find((p) => existsSync(p)) ?? null;
  return systemPython ?? fallback;
}

/** The first child of a process (the supervisor has exactly one), from /proc. */
function childOf(pid: number): number | undefined {
  try {
    const direct = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/)[0];
    if (direct) return Number(direct);
  } catch {
    // Not every kernel has the children file; scan instead.
  }
  try {
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === pid) return Number(name);
      } catch {
        // exited while we looked
      }
    }
  } catch {
    // no /proc
  }
  return undefined;
}

/** The socket and pipe inodes a process holds on fds 0 to 3 (its stdio and the channel), from /proc. */
function socketsOf(pid: number): Set<string> {
  const out = new Set<string>();
  for (const fd of [0, 1, 2, 3]) {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (/^(socket|pipe):\[\d+\]$/.test(link)) out.add(link);
    } catch {
      // not open, or already gone
    }
  }
  return out;
}

/** SIGKILLs every process of ours (not this one) that holds one of the given sockets or pipes; returns how many. */
function killHolders(links: Set<string>): number {
  if (links.size === 0) return 0;
  let names: string[];
  try {
    names = readdirSync("/proc").filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid);
  } catch {
    return 0;
  }
  let killed = 0;
  for (const name of names) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${name}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${name}/fd/${fd}`);
      } catch {
        continue;
      }
      if (links.has(link)) {
        try {
          process.kill(Number(name), "SIGKILL");
          killed++;
        } catch {
          // gone
        }
        break;
      }
    }
  }
  return killed;
}

/** SIGKILLs every process of ours (not this one) whose environment, as it was at its exec, holds the tree's mark. */
function killMarked(treeId: string): number {
  const mark = Buffer.from(`${TREE_VAR}=${treeId}\0`);
  let names: string[];
  try {
    names = readdirSync("/proc").filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid);
  } catch {
    return 0;
  }
  let killed = 0;
  for (const name of names) {
    try {
      if (!readFileSync(`/proc/${name}/environ`).includes(mark)) continue;
      process.kill(Number(name), "SIGKILL");
      killed++;
    } catch {
      // another user's process, or gone
    }
  }
  return killed;
}
