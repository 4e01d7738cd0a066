import type { ResultPromise } from "execa";
import { readFileSync } from "node:fs";
import { Transform, type Readable } from "node:stream";
import { startChild, type Containment, type StopReason } from "../exec/child.js";

export type { StopReason } from "../exec/child.js";

/** Default cap on what a connector may write to stdout and stderr together in one run. */
export const DEFAULT_OUTPUT_LIMIT_BYTES = 100 * 1024 * 1024;
/** A log line longer than this is cut into pieces, so a connector printing without newlines cannot grow a buffer. */
const MAX_UNBROKEN_BYTES = 64 * 1024;

export interface SpawnOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Extra pipe as fd 3 (the embedded engine's operation channel). */
  channel?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Stop the run (reason output_limit) once stdout and stderr together pass this many bytes; 0 = no cap. */
  outputLimitBytes?: number;
  /** Stop the run (reason memory) when the process's resident memory passes this many MiB (plus memorySlackMb). */
  memoryLimitMb?: number;
  /**
   * Resident memory the process may hold beyond memoryLimitMb. The harness caps the address space at its own size
   * at start-up plus the limit (RLIMIT_AS), so its interpreter's resident memory comes on top of the connector's
   * share; a watchdog stopping at the bare limit raced the harness's own MemoryError under load, and won.
   */
  memorySlackMb?: number;
  /** A Python to run the tree supervisor with (see startChild); without it only the process group is killed. */
  containWith?: string;
  /** Start before the namespace probe answered (see ChildOptions.speculate); confirmed() then says whether it may run. */
  speculate?: boolean;
}

export interface Supervised {
  child: ResultPromise;
  /** The child's stdout and stderr as the caller should read them: counted against outputLimitBytes, lines bounded. */
  stdout: Readable | null;
  stderr: Readable | null;
  /** Bytes the child wrote to stdout and stderr so far. */
  outputBytes(): number;
  /** Why we stopped it, if we did. */
  readonly stopReason: StopReason | undefined;
  stop(reason: StopReason): void;
  /** Resolves when the process has exited (escaped: its tree was killed from inside, see Child.escaped). */
  exited: Promise<{ exitCode?: number; signal?: string; escaped: boolean }>;
  /** True once the streams were closed on our side because leftovers of a tree killed from inside held them. */
  readonly escaped: boolean;
  /** Highest resident memory seen (VmHWM from /proc on Linux), in KiB. */
  peakRssKb(): number | undefined;
  /** What held the process tree together (see Containment). */
  readonly containment: Containment;
  /** See Child.confirmed: false means this process was started speculatively and must be started again. */
  confirmed(): Promise<boolean>;
}

/**
 * Starts a connector's process through startChild (argument array, no shell, its own process group, the tree
 * supervisor) and adds what a sync needs: the output cap, bounded lines and the memory watchdog.
 */
export function spawnSupervised(o: SpawnOptions): Supervised {
  const c = startChild({
    file: o.file,
    args: o.args,
    cwd: o.cwd,
    env: o.env,
    io: { stdio: ["pipe", "pipe", "pipe", o.channel ? "pipe" : "ignore"], buffer: false, encoding: "buffer" },
    timeoutMs: o.timeoutMs,
    signal: o.signal,
    // Security: a PID namespace (or, where there is none, a subreaper) around the connector, so that it cannot name
    // the server's process and read its environment, and a double fork and setsid() do not outlive the run.
    containWith: o.containWith,
    speculate: o.speculate,
  });
  const child = c.sub;
  const stop = (reason: StopReason) => c.stop(reason);
  const killGroup = (sig: NodeJS.Signals) => c.killGroup(sig);
  let peak: number | undefined;

  const readPeak = () => {
    const pid = c.programPid();
    if (process.platform !== "linux" || pid === undefined) return;
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) peak = Math.max(peak ?? 0, Number(m[1]));
    } catch {
      // exited between polls
    }
  };
  const memLimitKb = o.memoryLimitMb && o.memoryLimitMb > 0 ? (o.memoryLimitMb + (o.memorySlackMb ?? 0)) * 1024 : undefined;
  const watchRss = () => {
    readPeak();
    const pid = c.programPid();
    if (memLimitKb === undefined || process.platform !== "linux" || pid === undefined) return;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      // Security: a backstop for what RLIMIT_AS in the harness does not catch (the SDK engine, native allocators).
      if (m && Number(m[1]) > memLimitKb) stop("memory");
    } catch {
      // exited between polls
    }
  };
  const poll = setInterval(watchRss, 250);
  poll.unref();

  const exited = child.then((r) => {
    clearInterval(poll);
    c.dispose();
    // The group leader is gone; make sure its children are too (a connector's background threads are not, but
    // its subprocesses would be).
    killGroup("SIGKILL");
    return { exitCode: r.exitCode, signal: r.signal, escaped: c.escaped };
  });
  let outputBytes = 0;
  const limit = o.outputLimitBytes ?? DEFAULT_OUTPUT_LIMIT_BYTES;
  // Security: everything the connector prints is counted and, past the cap, dropped while the run is stopped:
  // a connector printing in a loop must not fill the server's memory or keep a sync alive forever.
  const capped = (src: Readable | null | undefined): Readable | null => {
    if (!src) return null;
    let sinceNewline = 0;
    const t = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        outputBytes += chunk.length;
        if (limit > 0 && outputBytes > limit) {
          stop("output_limit");
          cb();
          return;
        }
        const nl = chunk.lastIndexOf(0x0a);
        sinceNewline = nl === -1 ? sinceNewline + chunk.length : chunk.length - nl - 1;
        this.push(chunk);
        if (sinceNewline > MAX_UNBROKEN_BYTES) {
          this.push("\n");
          sinceNewline = 0;
        }
        cb();
      },
    });
    src.on("error", () => t.end());
    // A stream destroyed on our side (see Child.escaped) closes without an end: end the copy too.
    src.on("close", () => {
      if (!t.writableEnded) t.end();
    });
    src.pipe(t);
    return t;
  };
  const stdout = capped(child.stdout);
  const stderr = capped(child.stderr);
  // The result promise waits for stdout and stderr to close, and a connector's subprocess holds them open: kill
  // the group as soon as the leader exits, or a sync that forked would wait for its children until the timeout.
  (child as unknown as NodeJS.EventEmitter).once("exit", () => killGroup("SIGKILL"));
  readPeak();
  return {
    child,
    stdout,
    stderr,
    outputBytes: () => outputBytes,
    get stopReason() {
      return c.stopReason;
    },
    get escaped() {
      return c.escaped;
    },
    stop,
    exited,
    containment: c.containment,
    confirmed: () => c.confirmed(),
    peakRssKb: () => {
      readPeak();
      return peak;
    },
  };
}

/** What a sync's engine process runs under: the run's limits, and its tracker, which keeps the pid in the run history. */
export interface RunLimits {
  tracker: { spawned(pid: number | undefined): void };
  python: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  outputLimitBytes?: number;
  memoryLimitMb?: number;
}

/**
 * Starts an engine's process (the embedded harness or `fivetran debug`) under the run's limits. The run history keeps
 * the pid, so a later server can stop the process if ours dies without doing so.
 */
export function spawnForRun(run: RunLimits, spec: Pick<SpawnOptions, "file" | "args" | "cwd" | "env" | "channel" | "speculate" | "memorySlackMb">): Supervised {
  const proc = spawnSupervised({ ...spec, timeoutMs: run.timeoutMs, signal: run.signal, outputLimitBytes: run.outputLimitBytes, memoryLimitMb: run.memoryLimitMb, containWith: run.python });
  run.tracker.spawned(proc.child.pid);
  return proc;
}
