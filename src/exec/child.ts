import { execa, type Options, type ResultPromise } from "execa";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { onShutdown } from "../lifecycle.js";
import { HARNESS_DIR } from "../paths.js";

export type StopReason = "timeout" | "cancelled" | "shutdown" | "failed" | "output_limit" | "memory";

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
   * A Python that runs the tree supervisor (ftmcp_supervise.py): the child then runs under a subreaper that kills
   * every process of its tree when it ends, setsid() escapees included. Linux only; elsewhere the process group is
   * all there is.
   */
  containWith?: string;
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
}

/**
 * The one way this package starts a child process: an argument array and no shell, an allow-listed environment
 * (never the server's), our stdin and stdout never inherited, its own process group, a timeout, the caller's
 * cancel signal, the server's shutdown, and a group kill (SIGTERM, then SIGKILL after a grace) at each of them.
 */
export function startChild(o: ChildOptions): Child {
  const contain = o.containWith !== undefined && process.platform === "linux" && existsSync(SUPERVISOR);
  const [file, args] = contain ? [supervisorPython(o.containWith!), ["-I", "-S", SUPERVISOR, o.file, ...o.args]] : [o.file, o.args];
  const sub = execa(file, args, {
    ...o.io,
    cwd: o.cwd,
    env: o.env,
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
      if (programPid === undefined && sub.pid !== undefined) programPid = childOf(sub.pid);
      return programPid;
    },
    dispose() {
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      o.signal?.removeEventListener("abort", onAbort);
      offShutdown();
    },
  };
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
