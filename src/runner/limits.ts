import { hintFor } from "./classify.js";
import type { RunTracker } from "./context.js";
import type { StopReason } from "./process.js";
import type { RunError } from "./types.js";

/** The error of a run we stopped because it passed one of its resource limits; undefined for any other stop. */
export function limitError(stop: StopReason | undefined, tracker: RunTracker, o: { outputLimitBytes?: number; memoryLimitMb?: number }): RunError | undefined {
  if (stop === "output_limit") {
    const mb = Math.round(((o.outputLimitBytes ?? 0) / (1024 * 1024)) * 10) / 10;
    return tracker.error("output_limit", `The connector wrote more than ${mb} MB to stdout/stderr and was stopped; the log tail keeps only the last lines.`, {
      hint: hintFor("output_limit", { outputLimitMb: mb }),
    });
  }
  if (stop === "memory") {
    return tracker.error("memory", `The connector's resident memory passed the limit of ${o.memoryLimitMb} MB and it was stopped.`, {
      hint: hintFor("memory", { memoryLimitMb: o.memoryLimitMb }),
    });
  }
  return undefined;
}

/**
 * How long a process may go on after the sync's verdict (the harness's end or error record, `fivetran debug`'s SYNC
 * SUCCEEDED or FAILED): then it only waits for threads that are not daemons, or atexit handlers, as Python does.
 * A thread that never ends would otherwise turn a finished sync into a timeout.
 */
export const LINGER_MS = 10_000;

/** The stops of ours that, after the sync's verdict, stop only what `fivetran debug` would still be waiting for. */
const STOPS_AFTER_VERDICT = new Set<StopReason>(["timeout", "cancelled", "output_limit", "memory"]);

/** Whether `stop`, coming after the sync's verdict, leaves the result the sync's own (see STOPS_AFTER_VERDICT). */
export function stoppedAfterVerdict(stop: StopReason | undefined): boolean {
  return stop !== undefined && STOPS_AFTER_VERDICT.has(stop);
}

/**
 * The warning of a run whose process was stopped after its verdict: by the grace period, or by the time limit or a
 * cancel that came during it. The result is then the sync's own.
 */
export function lingerWarning(stop: StopReason | undefined, lingered: boolean, o: { timeoutMs?: number; outputLimitBytes?: number; memoryLimitMb?: number }): string {
  const why = lingered
    ? `The process was stopped ${LINGER_MS / 1000} s after the sync ended`
    : stop === "timeout"
      ? `The time limit (${Math.round((o.timeoutMs ?? 0) / 1000)} s) passed after the sync ended, and the process was stopped`
      : stop === "output_limit"
        ? `The output limit (${Math.round(((o.outputLimitBytes ?? 0) / (1024 * 1024)) * 10) / 10} MB) was passed after the sync ended, and the process was stopped`
        : stop === "memory"
          ? `The memory limit (${o.memoryLimitMb} MB) was passed after the sync ended, and the process was stopped`
          : "The run was cancelled after the sync ended";
  return `${why}: threads it had started that are not daemons (named in a warning above, if any were still running a second after update() returned) or its atexit handlers were still running. \`fivetran debug\` would wait for them and not return; the result here is the sync's own.`;
}
