import { renameSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { ToolError } from "../errors.js";
import { FILES_DIR, STATE_FILE, statePath as stateFile, type ProjectRef } from "../warehouse/files.js";
import { ConnectorProject } from "../workspace/project.js";
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
const ASIDE_FILE = `${FILES_DIR}/${ASIDE_NAME}`;

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

// Security: every file here goes through the project layer, which refuses links leaving the connector folder.
function readAside(projectDir: ProjectRef): Aside | undefined {
  let text: string | undefined;
  try {
    text = ConnectorProject.of(projectDir).readText(ASIDE_FILE);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  try {
    const a = JSON.parse(text) as Aside;
    return a && a.v === 1 && typeof a.ino === "number" ? a : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Throws "locked" while another sync of the folder with an override is in flight (its owner is alive); settles an
 * aside file of a dead one first. Call before anything that would settle on failure.
 */
export function assertNoOverrideInFlight(projectDir: ProjectRef): void {
  recoverStateAside(projectDir);
  const held = readAside(projectDir);
  if (held) {
    // Another sync of this folder with an override is in flight (its owner is alive): replacing its state.json, or
    // its aside file, would lose the state it must put back.
    throw new ToolError(
      "locked",
      `A sync of ${ConnectorProject.of(projectDir).root} with a state override is running (process ${held.owner.pid}).`,
      "Wait for it to end (run_status), or stop it (cancel_run), then run again.",
      ConnectorProject.of(projectDir).root,
    );
  }
}

/** Puts `state` at files/state.json for `fivetran debug` to start from, keeping the previous file aside. */
export function putStateOverride(projectDir: ProjectRef, state: Record<string, unknown>): void {
  const project = ConnectorProject.of(projectDir);
  const files = project.mkdir(FILES_DIR);
  assertNoOverrideInFlight(project);
  // The name itself, a link at it not followed: the override replaces a link as the SDK's checkpoint does (467).
  const target = join(files, basename(STATE_FILE));
  const previous = project.readText(STATE_FILE) ?? null;
  const previousMode = previous === null ? undefined : (project.lstat(STATE_FILE)?.mode ?? 0o600) & 0o777;
  // Order matters for a crash at any step: the override is written under a temporary name, the aside file names
  // it, and only then does it become state.json. Dying before the rename leaves state.json as it was, which the
  // recovery then keeps (its inode is not the override's).
  // Security: `wx` (O_CREAT|O_EXCL) in the checked real folder never follows a link at the temporary name.
  const tmp = join(files, `.state.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600, flag: "wx" });
  const st = statSync(tmp);
  const aside: Aside = { v: 1, owner: thisProcess(), ino: st.ino, mtimeMs: st.mtimeMs, previous, ...(previousMode !== undefined ? { previousMode } : {}) };
  project.writeFile(ASIDE_FILE, JSON.stringify(aside), { mode: 0o600 });
  renameSync(tmp, target);
}

/**
 * After the run (its process has exited): puts the previous state back when nothing was written under the
 * override, and drops the aside file. Safe to call when there is none.
 */
export function settleStateOverride(projectDir: ProjectRef): void {
  const aside = readAside(projectDir);
  if (aside) restoreIfUntouched(projectDir, aside);
  ConnectorProject.of(projectDir).remove(ASIDE_FILE);
}

/**
 * Settles an aside file left by a process that died mid-run; leaves one whose owner is alive (a run in flight,
 * here or in another server) alone. Returns true when it put a previous state back.
 */
export function recoverStateAside(projectDir: ProjectRef): boolean {
  const project = ConnectorProject.of(projectDir);
  if (!project.exists(ASIDE_FILE)) return false;
  const aside = readAside(project);
  if (aside && (isThisProcess(aside.owner) || isAlive(aside.owner))) return false;
  const restored = aside ? restoreIfUntouched(project, aside) : false;
  project.remove(ASIDE_FILE);
  return restored;
}

function restoreIfUntouched(projectDir: ProjectRef, aside: Aside): boolean {
  const project = ConnectorProject.of(projectDir);
  let untouched = false;
  try {
    const st = statSync(stateFile(project));
    untouched = st.ino === aside.ino && st.mtimeMs === aside.mtimeMs;
  } catch {
    untouched = false;
  }
  if (!untouched) return false;
  if (aside.previous === null) project.remove(STATE_FILE);
  else project.writeFile(STATE_FILE, aside.previous, { mode: aside.previousMode ?? 0o600, replaceName: true });
  return true;
}
