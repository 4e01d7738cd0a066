import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ToolError } from "../errors.js";
import { statePath as stateFile } from "../warehouse/files.js";
import { isAlive, isThisProcess, thisProcess, type ProcessId } from "../process-owner.js";

/**
 * A `state` override for the real-SDK engine. `fivetran debug --state FILE` would write its checkpoints to FILE
 * instead of files/state.json, so the override has to replace files/state.json before the run. The embedded
 * engine only writes state.json at a checkpoint (or at the final flush of a sync that succeeded), so a run that
 * fails before its first checkpoint leaves the previous file as it was. To end the same way, the previous file
 * is kept aside (its text, in a file next to it) and put back when state.json is still the very file we wrote:
 * the SDK replaces state.json (a new file renamed over it) at each checkpoint and at the end of a sync that
 * succeeded, so an unchanged inode and mtime mean nothing was committed under the override.
 *
 * The aside file names its owner process: if the owner dies mid-run (a server killed with SIGKILL), the next run
 * of the folder, or the run history finding the run interrupted, puts the previous state back (recoverStateAside).
 */
const ASIDE_NAME = ".state.before-override.json";

interface Aside {
  v: 1;
  owner: ProcessId;
  /** The file we put at files/state.json: a different inode or mtime there means the SDK wrote a state since. */
  ino: number;
  mtimeMs: number;
  /** The text of files/state.json before the override; null when there was none. */
  previous: string | null;
  previousMode?: number;
}

function asidePath(projectDir: string): string {
  return join(projectDir, "files", ASIDE_NAME);
}

function writeAtomically(path: string, text: string, mode = 0o600): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text, { mode, flag: "wx" });
  renameSync(tmp, path);
}

function readAside(projectDir: string): Aside | undefined {
  try {
    const a = JSON.parse(readFileSync(asidePath(projectDir), "utf8")) as Aside;
    return a && a.v === 1 && typeof a.ino === "number" ? a : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Throws "locked" while another sync of the folder with an override is in flight (its owner is alive); settles an
 * aside file of a dead one first. Call before anything that would settle on failure.
 */
export function assertNoOverrideInFlight(projectDir: string): void {
  recoverStateAside(projectDir);
  const held = readAside(projectDir);
  if (held) {
    // Another sync of this folder with an override is in flight (its owner is alive): replacing its state.json, or
    // its aside file, would lose the state it must put back.
    throw new ToolError(
      "locked",
      `A sync of ${projectDir} with a state override is running (process ${held.owner.pid}).`,
      "Wait for it to end (run_status), or stop it (cancel_run), then run again.",
      projectDir,
    );
  }
}

/** Puts `state` at files/state.json for `fivetran debug` to start from, keeping the previous file aside. */
export function putStateOverride(projectDir: string, state: Record<string, unknown>): void {
  const files = join(projectDir, "files");
  mkdirSync(files, { recursive: true });
  assertNoOverrideInFlight(projectDir);
  const target = stateFile(projectDir);
  let previous: string | null = null;
  let previousMode: number | undefined;
  if (existsSync(target)) {
    previous = readFileSync(target, "utf8");
    previousMode = statSync(target).mode & 0o777;
  }
  // Order matters for a crash at any step: the override is written under a temporary name, the aside file names
  // it, and only then does it become state.json. Dying before the rename leaves state.json as it was, which the
  // recovery then keeps (its inode is not the override's).
  const tmp = join(files, `.state.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600, flag: "wx" });
  const st = statSync(tmp);
  const aside: Aside = { v: 1, owner: thisProcess(), ino: st.ino, mtimeMs: st.mtimeMs, previous, ...(previousMode !== undefined ? { previousMode } : {}) };
  writeAtomically(asidePath(projectDir), JSON.stringify(aside));
  renameSync(tmp, target);
}

/**
 * After the run (its process has exited): puts the previous state back when nothing was written under the
 * override, and drops the aside file. Safe to call when there is none.
 */
export function settleStateOverride(projectDir: string): void {
  const aside = readAside(projectDir);
  if (aside) restoreIfUntouched(projectDir, aside);
  rmSync(asidePath(projectDir), { force: true });
}

/**
 * Settles an aside file left by a process that died mid-run; leaves one whose owner is alive (a run in flight,
 * here or in another server) alone. Returns true when it put a previous state back.
 */
export function recoverStateAside(projectDir: string): boolean {
  const p = asidePath(projectDir);
  if (!existsSync(p)) return false;
  const aside = readAside(projectDir);
  if (aside && (isThisProcess(aside.owner) || isAlive(aside.owner))) return false;
  const restored = aside ? restoreIfUntouched(projectDir, aside) : false;
  rmSync(p, { force: true });
  return restored;
}

function restoreIfUntouched(projectDir: string, aside: Aside): boolean {
  const target = stateFile(projectDir);
  let untouched = false;
  try {
    const st = statSync(target);
    untouched = st.ino === aside.ino && st.mtimeMs === aside.mtimeMs;
  } catch {
    untouched = false;
  }
  if (!untouched) return false;
  if (aside.previous === null) rmSync(target, { force: true });
  else writeAtomically(target, aside.previous, aside.previousMode ?? 0o600);
  return true;
}
