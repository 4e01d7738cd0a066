import { execa, type ResultPromise } from "execa";
import { readFileSync } from "node:fs";
import { onShutdown } from "../lifecycle.js";

export type StopReason = "timeout" | "cancelled" | "shutdown" | "failed";

export interface SpawnOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Extra pipe as fd 3 (the embedded engine's operation channel). */
  channel?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface Supervised {
  child: ResultPromise;
  /** Why we stopped it, if we did. */
  readonly stopReason: StopReason | undefined;
  stop(reason: StopReason): void;
  /** Resolves when the process has exited. */
  exited: Promise<{ exitCode?: number; signal?: string }>;
  /** Highest resident memory seen (VmHWM from /proc on Linux), in KiB. */
  peakRssKb(): number | undefined;
}

const KILL_GRACE_MS = 2_000;

/**
 * Starts a child in its own process group (argument array, no shell, our stdin never inherited) and kills the
 * whole group on timeout, cancellation or server shutdown: connectors start threads and subprocesses of their own.
 */
export function spawnSupervised(o: SpawnOptions): Supervised {
  const child = execa(o.file, o.args, {
    cwd: o.cwd,
    env: o.env,
    extendEnv: false,
    stdio: ["pipe", "pipe", "pipe", o.channel ? "pipe" : "ignore"],
    buffer: false,
    reject: false,
    // Security: own process group, so a kill reaches every process the connector started.
    detached: true,
    cleanup: true,
    windowsHide: true,
    encoding: "buffer",
  }) as unknown as ResultPromise;
  let stopReason: StopReason | undefined;
  let peak: number | undefined;
  let killTimer: NodeJS.Timeout | undefined;

  const killGroup = (sig: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      try {
        child.kill(sig);
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

  const readPeak = () => {
    if (process.platform !== "linux" || child.pid === undefined) return;
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) peak = Math.max(peak ?? 0, Number(m[1]));
    } catch {
      // exited between polls
    }
  };
  const poll = setInterval(readPeak, 250);
  poll.unref();

  const exited = child.then((r) => {
    clearInterval(poll);
    if (timer) clearTimeout(timer);
    o.signal?.removeEventListener("abort", onAbort);
    offShutdown();
    // The group leader is gone; make sure its children are too (a connector's background threads are not, but
    // its subprocesses would be).
    killGroup("SIGKILL");
    if (killTimer) clearTimeout(killTimer);
    return { exitCode: r.exitCode, signal: r.signal };
  });
  // stdin errors (EPIPE after the child died) are expected, not crashes of the server.
  child.stdin?.on("error", () => {});
  readPeak();
  return {
    child,
    get stopReason() {
      return stopReason;
    },
    stop,
    exited,
    peakRssKb: () => {
      readPeak();
      return peak;
    },
  };
}
