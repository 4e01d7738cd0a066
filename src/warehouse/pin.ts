import { lstatSync, type Stats } from "node:fs";
import { basename, dirname } from "node:path";
import { ToolError } from "../errors.js";
import { pinFolder } from "../workspace/project.js";

/**
 * The path DuckDB opens files/warehouse.db by, pinned to the file (or folder) the project layer checked.
 *
 * DuckDB opens by path and follows links: between ConnectorProject.database()'s check and DuckDB's open(), a process
 * could swap files/ or the file for a link leading out of the folder. Where the platform names open descriptors as
 * paths (/proc/self/fd on Linux), DuckDB opens `/proc/self/fd/D/warehouse.db`, D being files/ opened here without
 * following links and checked to be the folder's: files/ can no longer be swapped. The file's name inside it is
 * checked before and after DuckDB's open (a regular file, one link, the same device and inode), and a mismatch is
 * refused with the instance closed unused.
 * What remains: the name swapped for a link and back again within DuckDB's own open() is not seen (DuckDB opened the
 * other file for that moment), nor a .wal swapped the same way; elsewhere (no /proc) only the checks after the open
 * run. Handing DuckDB a descriptor of the file itself (`/proc/self/fd/N`) does not work: DuckDB resolves that name to
 * the file's path to find its .wal, which the lockdown (external access off) then refuses.
 */
export interface PinnedDatabase {
  /** What DuckDB opens. */
  path: string;
  /** After DuckDB opened `path`: throws outside_project when the file it names is not the one checked. */
  verify(): void;
  /** Closes the descriptors; only after DuckDB closed its instance (it opens the .wal through the folder's). */
  release(): void;
}

function swapped(): ToolError {
  return new ToolError(
    "outside_project",
    "files/warehouse.db (or files/) was replaced, by a link or another file, while it was being opened; it was not used.",
    "Remove whatever replaces files/warehouse.db (a link leading out of the connector folder), then try again.",
    "files/warehouse.db",
  );
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Checks the name now holds a regular file with one link (the one seen before, when there was one). */
function checkName(path: string, before: Stats | undefined, mustExist: boolean): void {
  const after = lstatOrUndefined(path);
  if (!after) {
    if (mustExist || before) throw swapped();
    return;
  }
  if (!after.isFile() || after.nlink > 1 || (before && !sameFile(before, after))) throw swapped();
  const wal = lstatOrUndefined(`${path}.wal`);
  if (wal && (!wal.isFile() || wal.nlink > 1)) throw swapped();
}

/** @param dbPath the real path ConnectorProject.database() checked. */
export function pinDatabase(dbPath: string, mode: "read" | "write"): PinnedDatabase {
  // Security: files/ itself is pinned (ELOOP, ENOTDIR, ENOENT, another folder: not what was checked); the file's
  // name inside it is checked before and after DuckDB's open.
  const folder = pinFolder(dirname(dbPath), () => swapped());
  if (!folder) {
    const before = lstatOrUndefined(dbPath);
    return { path: dbPath, verify: () => checkName(dbPath, before, mode === "write"), release: () => {} };
  }
  const path = `${folder.path}/${basename(dbPath)}`;
  const before = lstatOrUndefined(path);
  if (before && (!before.isFile() || before.nlink > 1)) {
    folder.close();
    throw swapped();
  }
  let released = false;
  return {
    path,
    verify: () => checkName(path, before, mode === "write"),
    release: () => {
      if (released) return;
      released = true;
      folder.close();
    },
  };
}
