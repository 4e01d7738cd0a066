import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseState, type State } from "../state/index.js";
import { STATE_FILE } from "../warehouse/files.js";
import { ConnectorProject } from "../workspace/project.js";
import { runsDir } from "./history.js";

/**
 * The state each run started from, for diff_state's default "before". It is kept beside the run records (per user,
 * 0600), not in files/: that folder stays laid out as `fivetran debug` leaves it.
 */
function runStartPath(projectDir: string): string | undefined {
  const dir = runsDir();
  if (!dir) return undefined;
  // Not a run id, so the history's pruning leaves it alone; one file per connector folder.
  return join(dir, `run-start-${createHash("sha256").update(projectDir).digest("hex").slice(0, 32)}.json`);
}

/**
 * Keeps what a run starts from: the bytes of files/state.json as they are (never re-serialised through JavaScript
 * numbers), the state the caller passed instead, or {} after a reset. A failure to keep it never stops a run.
 */
export function saveRunStartState(projectDir: string, start: { override?: State; reset?: boolean }): void {
  const path = runStartPath(projectDir);
  if (!path) return;
  let content: string | Buffer;
  try {
    if (start.override !== undefined) content = JSON.stringify(start.override);
    else content = (start.reset ? undefined : ConnectorProject.of(projectDir).readBytes(STATE_FILE)) ?? "{}";
  } catch {
    // A state file the project layer refuses (a link leaving the folder) fails the run itself, with its own error.
    return;
  }
  writePrivate(path, content);
}

/** Replaces `path` with `content`; a failure leaves the old file (the run goes on without its record). */
function writePrivate(path: string, content: string | Buffer): void {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    // Security: private to the user like the run records, created exclusively, then renamed into place.
    writeFileSync(tmp, content, { mode: 0o600, flag: "wx" });
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** The state the last run of this folder started from; undefined when no run has started here (or it is unreadable). */
export function readRunStartState(projectDir: string): State | undefined {
  const path = runStartPath(projectDir);
  if (!path) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  return text.trim() === "" ? {} : parseState(text, "the state the last run started from");
}

/**
 * evaluate_connector's scratch runs record their starts like any run, while the folder's files/ is put back after
 * them: diff_state would then compare the evaluation's start with the folder's own state. This keeps the folder's
 * record; the function returned puts it back (or removes the record when the folder had none).
 */
export function keepRunStartAside(projectDir: string): () => void {
  const path = runStartPath(projectDir);
  if (!path) return () => {};
  let saved: Buffer | undefined;
  try {
    saved = readFileSync(path);
  } catch {
    saved = undefined;
  }
  return () => {
    if (saved === undefined) {
      rmSync(path, { force: true });
      return;
    }
    writePrivate(path, saved);
  };
}
