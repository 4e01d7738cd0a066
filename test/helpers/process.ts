import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";

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

/**
 * The pids (as this process names them) of every process whose working folder is `dir`, this one excluded. A
 * connector in a PID namespace knows only its pids inside it, so tests find what it left behind by its folder.
 */
export function processesIn(dir: string): number[] {
  if (process.platform !== "linux") return [];
  const out: number[] = [];
  try {
    dir = realpathSync(dir);
  } catch {
    return out;
  }
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return out;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readlinkSync(`/proc/${name}/cwd`) === dir && alive(Number(name))) out.push(Number(name));
    } catch {
      // gone, or not ours
    }
  }
  return out;
}
