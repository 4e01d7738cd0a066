import { execa } from "execa";
import { onShutdown } from "../lifecycle.js";

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with each line of stdout and stderr, interleaved as they arrive. */
  onLine?: (line: string) => void;
}

export interface ExecResult {
  exitCode: number | null;
  /** stdout and stderr interleaved. */
  all: string;
  timedOut: boolean;
  cancelled: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  spawnError?: string;
}

/**
 * Runs a program the one way this package shells out: an argument array and no shell, stdin
 * closed, a timeout, the caller's abort signal, and the whole process group killed at the end
 * (pip and `fivetran` start children of their own, which must not outlive a cancelled call).
 */
export async function runProgram(file: string, args: string[], opts: ExecOptions): Promise<ExecResult> {
  let timedOut = false;
  let cancelled = false;
  const sub = execa(file, args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    stdin: "ignore",
    all: true,
    reject: false,
    stripFinalNewline: false,
    // Security: a process group of its own, so a kill reaches grandchildren too.
    detached: true,
    windowsHide: true,
  });
  const killGroup = () => {
    if (sub.pid === undefined) return;
    try {
      process.kill(-sub.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
    setTimeout(() => {
      try {
        if (sub.pid !== undefined) process.kill(-sub.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 2_000).unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, opts.timeoutMs);
  const onAbort = () => {
    cancelled = true;
    killGroup();
  };
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const unregister = onShutdown(killGroup);
  try {
    if (opts.onLine) {
      try {
        for await (const line of sub.iterable({ from: "all" })) opts.onLine(String(line));
      } catch {
        // The iteration ends with the process; its outcome is read below.
      }
    }
    const r = await sub;
    const failedToStart = r.exitCode === undefined && !timedOut && !cancelled;
    return {
      exitCode: r.exitCode ?? null,
      all: typeof r.all === "string" ? r.all : "",
      timedOut,
      cancelled,
      ...(failedToStart ? { spawnError: r.shortMessage ?? r.message ?? "could not start" } : {}),
    };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onAbort);
    unregister();
  }
}
