import { closeSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { environmentSecrets } from "../workspace/redact.js";
import { hasCredentials } from "./env.js";

/** What sealEnvironment did: the variables it moved out of the environ block, and how it went. */
export interface SealOutcome {
  sealed: string[];
  /** overwritten: gone from /proc/self/environ (checked); none: no secret was in it; unsupported / failed: left as is. */
  environ: "overwritten" | "none" | "unsupported" | "failed";
}

const PROXY = /^(https?|all|ftp)_proxy$/i;

/** The variables holding a secret the server knows: FIVETRAN_API_KEY, credential-like names, proxies with credentials. */
export function secretVariableNames(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(env)
    .filter(([k, v]) => v !== undefined && v !== "" && (k === "FIVETRAN_API_KEY" || (PROXY.test(k) ? hasCredentials(v) : environmentSecrets({ [k]: v }).length > 0)))
    .map(([k]) => k);
}

/**
 * Takes the server's secrets out of the environment block the kernel shows as /proc/<pid>/environ (what any process
 * of the same user could read on a system without PID namespaces), keeping them in process.env.
 *
 * The kernel shows the memory between env_start and env_end (/proc/self/stat), the strings the server was started
 * with, whatever the process did with its environment since. So each secret variable is first moved: unset, then set
 * again, which makes libc point the variable at a fresh copy on the heap; then its original bytes in the block,
 * which nothing points at any more, are overwritten with NULs through /proc/self/mem. Every address is checked
 * against /proc/self/environ and the bytes read back before anything is written, and the result is read back after.
 * Linux only; call it once at start-up, before any other code keeps a pointer into the environment.
 */
export function sealEnvironment(): SealOutcome {
  const names = secretVariableNames();
  if (process.platform !== "linux") return { sealed: [], environ: "unsupported" };
  let block: Buffer;
  let start: number;
  try {
    block = readFileSync("/proc/self/environ");
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 50 and 51 of /proc/PID/stat (env_start, env_end); the list after the name starts at field 3.
    start = Number(fields[50 - 3]);
    const end = Number(fields[51 - 3]);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start <= 0 || end - start !== block.length) return { sealed: [], environ: "unsupported" };
  } catch {
    return { sealed: [], environ: "unsupported" };
  }
  // The entries of the block that hold one of the secret variables, by offset.
  const targets: { name: string; offset: number; bytes: Buffer }[] = [];
  for (let offset = 0; offset < block.length;) {
    let nul = block.indexOf(0, offset);
    if (nul === -1) nul = block.length;
    const entry = block.subarray(offset, nul);
    const eq = entry.indexOf(0x3d);
    const name = eq > 0 ? entry.subarray(0, eq).toString("utf8") : "";
    if (names.includes(name)) targets.push({ name, offset, bytes: Buffer.from(entry) });
    offset = nul + 1;
  }
  if (targets.length === 0) return { sealed: [], environ: "none" };
  const values = new Map(targets.map((t) => [t.name, process.env[t.name]]));
  let fd: number | undefined;
  try {
    // Security: each value to a heap copy first, so that nothing reads the bytes about to be cleared.
    for (const [name, value] of values) {
      delete process.env[name];
      if (value !== undefined) process.env[name] = value;
    }
    fd = openSync("/proc/self/mem", "r+");
    for (const t of targets) {
      const now = Buffer.alloc(t.bytes.length);
      // Security: write only where the memory still holds exactly the entry /proc/self/environ showed there.
      if (readSync(fd, now, 0, now.length, start + t.offset) !== now.length || !now.equals(t.bytes)) return { sealed: [], environ: "failed" };
    }
    for (const t of targets) writeSync(fd, Buffer.alloc(t.bytes.length), 0, t.bytes.length, start + t.offset);
  } catch {
    return { sealed: [], environ: "failed" };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const after = readFileSync("/proc/self/environ");
  const gone = targets.every((t) => !after.includes(t.bytes));
  const kept = [...values].every(([name, value]) => process.env[name] === value);
  return { sealed: [...values.keys()], environ: gone && kept ? "overwritten" : "failed" };
}
