import { createHash } from "node:crypto";
import { cpSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ToolError } from "../errors.js";
import { isAlive, isThisProcess, thisProcess, type ProcessId } from "../process-owner.js";
import { ConnectorProject } from "../workspace/project.js";
import { runsDir } from "./history.js";

/**
 * evaluate_connector syncs from a clean start, which would wipe the folder's warehouse and state. Instead the
 * folder's files/ is moved aside for the evaluation (a rename: instant, and nothing is copied) and moved back when
 * it ends, however it ends. A server killed meanwhile leaves it aside; the next run or evaluation puts it back.
 *
 * Security: the folder is untrusted, so what is in it never says what to move. A `.ftmcp-evaluation-aside` planted
 * there (a link to another folder, or a folder holding some other files/) would otherwise make the recovery delete
 * the user's files/ and move the planted one in. Only an aside this server made is ever put back: the server keeps a
 * record of it outside the folder (beside the run records), naming the folder and the aside's device and inode, and
 * an aside that does not match its record is left alone.
 */
export const FILES_ASIDE = ".ftmcp-evaluation-aside";

interface AsideRecord {
  v: 1;
  /** The connector folder's real path. */
  root: string;
  /** The aside folder this server created, by identity: a link or another folder at the name does not match. */
  dev: number;
  ino: number;
  /** The evaluating process: while it is alive the evaluation is in flight and files/ is its scratch copy. */
  owner: ProcessId;
}

/** Records of this process's evaluations, also used when the run-record folder cannot be written. */
const inProcess = new Map<string, AsideRecord>();

function recordPath(root: string): string | undefined {
  const dir = runsDir();
  return dir ? join(dir, `evaluation-aside-${createHash("sha256").update(root).digest("hex").slice(0, 24)}.json`) : undefined;
}

function readRecord(root: string): AsideRecord | undefined {
  const mine = inProcess.get(root);
  if (mine) return mine;
  const path = recordPath(root);
  if (!path) return undefined;
  try {
    const r = JSON.parse(readFileSync(path, "utf8")) as AsideRecord;
    return r && r.v === 1 && r.root === root && typeof r.ino === "number" ? r : undefined;
  } catch {
    return undefined;
  }
}

function writeRecord(r: AsideRecord): void {
  inProcess.set(r.root, r);
  const path = recordPath(r.root);
  if (!path) return;
  try {
    // The record in the cache lets the next server put files/ back after a crash; without it only this one can,
    // which is no reason to refuse the evaluation.
    writeFileSync(path, JSON.stringify(r), { mode: 0o600 });
  } catch {
    // The cache cannot be written (full, read-only, something in the way): the in-process record stands alone.
  }
}

function dropRecord(root: string): void {
  inProcess.delete(root);
  const path = recordPath(root);
  try {
    if (path) rmSync(path, { force: true });
  } catch {
    // Not a file of ours (something else is at the name): nothing to remove.
  }
}

function lstatOrUndefined(p: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

function inFlight(r: AsideRecord): boolean {
  return isThisProcess(r.owner) || isAlive(r.owner);
}

/**
 * What every user of files/ outside an evaluation calls first. Puts back what the evaluation of a server that died
 * moved aside: only an aside this server recorded, and only the folder the record names. Throws "locked" while an
 * evaluation of the folder runs (here or in another server): its files/ is a scratch copy that goes when the
 * evaluation ends, so a state written, a warehouse read or a run made now would be about that copy.
 */
export function claimFiles(projectDir: ConnectorProject | string): void {
  const project = ConnectorProject.of(projectDir);
  const r = readRecord(project.root);
  if (!r) return;
  if (inFlight(r)) throw evaluationRunning(project.root);
  putBack(r);
}

function evaluationRunning(root: string): ToolError {
  return new ToolError(
    "locked",
    `evaluate_connector is running on ${root}: until it ends, files/ is its scratch copy and the folder's own files/ is set aside.`,
    "Wait for the evaluation to end (run_status with its run_id) or cancel it (cancel_run), then call again.",
    root,
  );
}

/** Moves files/ aside (when there is one) and returns the function that puts it back. */
export function setFilesAside(projectDir: ConnectorProject | string): () => void {
  const project = ConnectorProject.of(projectDir);
  claimFiles(project);
  const aside = join(project.root, FILES_ASIDE);
  const found = lstatOrUndefined(aside);
  if (found?.isSymbolicLink()) {
    throw new ToolError(
      "outside_project",
      `${FILES_ASIDE} in ${project.root} is a link; evaluate_connector moves files/ into that name and will not follow a link.`,
      `Remove the link ${FILES_ASIDE}, then evaluate again.`,
      aside,
    );
  }
  if (found) {
    throw new ToolError(
      "invalid_argument",
      `${project.root} holds a ${FILES_ASIDE} that this server did not leave there (it came with the folder, or its record is gone); evaluate_connector will not move files/ into it or take files/ from it.`,
      `Look at what ${FILES_ASIDE} holds, keep what you need elsewhere, remove it, then evaluate again.`,
      aside,
    );
  }
  // Security: a plain mkdir fails when anything appeared at the name meanwhile; the record names this very folder.
  mkdirSync(aside, { mode: 0o700 });
  const st = lstatSync(aside);
  const record: AsideRecord = { v: 1, root: project.root, dev: st.dev, ino: st.ino, owner: thisProcess() };
  writeRecord(record);
  const files = join(project.root, "files");
  try {
    // Security: renameSync moves a link as a link; nothing outside the folder is followed or touched.
    if (lstatOrUndefined(files)) renameSync(files, join(aside, "files"));
  } catch (e) {
    // files/ stayed where it was: take the aside and its record back, so that the folder is not left locked.
    rmSync(aside, { recursive: true, force: true });
    dropRecord(record.root);
    throw e;
  }
  return () => putBack(record);
}

function putBack(r: AsideRecord): void {
  const aside = join(r.root, FILES_ASIDE);
  const st = lstatOrUndefined(aside);
  if (!st || !st.isDirectory() || st.dev !== r.dev || st.ino !== r.ino) {
    // Not the folder we made (gone, replaced, or a link): nothing of it is ours to move, and files/ stays as it is.
    dropRecord(r.root);
    return;
  }
  const saved = join(aside, "files");
  try {
    // Security: what waits in the aside must still be the folder's own files/ (a folder, or a link inside the
    // folder); one replaced by a link leading out after a crash is not moved into place.
    ConnectorProject.of(r.root).resolve(`${FILES_ASIDE}/files`);
  } catch {
    // The aside is left as it is, for the user to look at; files/ stays as it is.
    dropRecord(r.root);
    return;
  }
  const files = join(r.root, "files");
  // Security: only the evaluation's own files/ is removed (a link is removed as a link, never followed).
  if (lstatOrUndefined(files)) rmSync(files, { recursive: true, force: true });
  if (lstatOrUndefined(saved)) renameSync(saved, files);
  rmSync(aside, { recursive: true, force: true });
  dropRecord(r.root);
}

/**
 * Copies the folder's HTTP recordings (files/recordings/, issue 16) from the files/ set aside into the evaluation's
 * scratch files/, so that evaluate can replay them. Links are copied as links, never followed: the proof code reads
 * recordings through the project layer, which refuses one that leaves the folder.
 */
export function copyRecordingsAside(projectDir: ConnectorProject | string): void {
  const project = ConnectorProject.of(projectDir);
  const from = join(project.root, FILES_ASIDE, "files", "recordings");
  if (!lstatOrUndefined(from)?.isDirectory()) return;
  cpSync(from, join(project.root, "files", "recordings"), { recursive: true, dereference: false, verbatimSymlinks: true });
}
