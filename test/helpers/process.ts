import { readFileSync } from "node:fs";

/**
 * The process runs and is not a zombie: a killed child reparented to an init that does not reap stays a zombie,
 * which holds nothing. Off Linux (no /proc) a process that answers signal 0 counts as alive.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return process.platform !== "linux";
  }
}
