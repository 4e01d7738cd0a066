import { cpSync, existsSync, lstatSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * evaluate_connector syncs from a clean start, which would wipe the folder's warehouse and state. Instead the
 * folder's files/ is moved aside for the evaluation (a rename: instant, and nothing is copied) and moved back when
 * it ends, however it ends. A server killed meanwhile leaves it aside; the next run or evaluation puts it back.
 */
export const FILES_ASIDE = ".ftmcp-evaluation-aside";

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Moves files/ aside (when there is one) and returns the function that puts it back. */
export function setFilesAside(projectDir: string): () => void {
  recoverFilesAside(projectDir);
  const files = join(projectDir, "files");
  const aside = join(projectDir, FILES_ASIDE);
  const had = exists(files);
  if (had) {
    mkdirSync(aside, { recursive: true });
    // Security: renameSync moves a link as a link; nothing outside the folder is followed or touched.
    renameSync(files, join(aside, "files"));
  } else {
    // An empty marker still says "files/ belongs to an evaluation" to recoverFilesAside.
    mkdirSync(aside, { recursive: true });
  }
  return () => recoverFilesAside(projectDir);
}

/**
 * Puts back what setFilesAside moved: the evaluation's files/ goes, the folder's own comes back. A no-op when
 * nothing is aside.
 */
export function recoverFilesAside(projectDir: string): void {
  const aside = join(projectDir, FILES_ASIDE);
  if (!existsSync(aside)) return;
  const files = join(projectDir, "files");
  // Security: only the evaluation's own files/ is removed (a link is removed as a link, never followed).
  if (exists(files)) rmSync(files, { recursive: true, force: true });
  if (exists(join(aside, "files"))) renameSync(join(aside, "files"), files);
  rmSync(aside, { recursive: true, force: true });
}

/**
 * Copies the folder's HTTP recordings (files/recordings/, issue 16) from the files/ set aside into the evaluation's
 * scratch files/, so that evaluate can replay them. Links are copied as links, never followed: the proof code reads
 * recordings through the project layer, which refuses one that leaves the folder.
 */
export function copyRecordingsAside(projectDir: string): void {
  const from = join(projectDir, FILES_ASIDE, "files", "recordings");
  if (!exists(from) || !lstatSync(from).isDirectory()) return;
  cpSync(from, join(projectDir, "files", "recordings"), { recursive: true, dereference: false, verbatimSymlinks: true });
}
