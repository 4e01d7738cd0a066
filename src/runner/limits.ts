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
