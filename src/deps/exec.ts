import { startChild } from "../exec/child.js";
import { stripControls } from "../workspace/hygiene.js";

export interface ExecOptions {
  cwd?: string;
  /** The child's whole environment, from childEnv() (src/exec/env.ts). */
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with each line of stdout and stderr, interleaved as they arrive. */
  onLine?: (line: string) => void;
  /** A Python to run the tree supervisor with, so nothing the program starts outlives it (see startChild). */
  containWith?: string;
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
 * Runs a program to its end through startChild (the one way this package shells out) and collects its output:
 * pip and `fivetran` start children of their own, which must not outlive a cancelled call.
 */
export async function runProgram(file: string, args: string[], opts: ExecOptions): Promise<ExecResult> {
  const c = startChild({
    file,
    args,
    cwd: opts.cwd,
    env: opts.env,
    io: { stdin: "ignore", all: true, stripFinalNewline: false },
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
    containWith: opts.containWith,
  });
  const sub = c.sub;
  try {
    if (opts.onLine) {
      try {
        for await (const line of sub.iterable({ from: "all" })) opts.onLine(stripControls(String(line)));
      } catch {
        // The iteration ends with the process; its outcome is read below.
      }
    }
    const r = await sub;
    const timedOut = c.stopReason === "timeout";
    const cancelled = c.stopReason === "cancelled" || c.stopReason === "shutdown";
    const failedToStart = r.exitCode === undefined && !timedOut && !cancelled;
    return {
      exitCode: r.exitCode ?? null,
      // Security: pip's and the fivetran CLI's colours and escapes never reach a terminal or a client.
      all: typeof r.all === "string" ? stripControls(r.all) : "",
      timedOut,
      cancelled,
      ...(failedToStart ? { spawnError: r.shortMessage ?? r.message ?? "could not start" } : {}),
    };
  } finally {
    // The group may hold grandchildren even after the program exited.
    c.killGroup("SIGKILL");
    c.dispose();
  }
}
