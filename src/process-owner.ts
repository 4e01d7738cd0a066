import { readFileSync } from "node:fs";

/**
 * Who owns a run or a file put aside for one: a process id plus, on Linux, the process's start time. A pid alone
 * is not enough to tell whether the owner is still there: in a container every server may start as the same pid,
 * and pids are reused.
 */
export interface ProcessId {
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22); absent where /proc is not available. */
  start?: string;
}

/** /proc/<pid>/stat after the command name: [state, ppid, ...]; undefined when gone or there is no /proc. */
function statFields(pid: number): string[] | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces or ')'; the fields after the last ')' are plain.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** The start time of a process as the kernel counts it, or undefined when it is gone or there is no /proc. */
export function processStart(pid: number): string | undefined {
  return statFields(pid)?.[19];
}

export function thisProcess(): ProcessId {
  const start = processStart(process.pid);
  return start ? { pid: process.pid, start } : { pid: process.pid };
}

/** Whether the process is still the one recorded (same pid and, where known, same start time). */
export function isAlive(id: ProcessId): boolean {
  if (!Number.isInteger(id.pid) || id.pid <= 0) return false;
  try {
    process.kill(id.pid, 0);
  } catch {
    // ESRCH: gone. EPERM: another user's process holds the pid now, so it is not the one we recorded (ours ran as us).
    return false;
  }
  const fields = statFields(id.pid);
  if (!fields) return id.start === undefined;
  // A zombie (exited, not yet reaped by a parent or an init that does not reap) answers kill(pid, 0) but runs nothing.
  if (fields[0] === "Z" || fields[0] === "X") return false;
  return id.start === undefined || fields[19] === id.start;
}

export function isThisProcess(id: ProcessId): boolean {
  const me = thisProcess();
  return id.pid === me.pid && id.start === me.start;
}
