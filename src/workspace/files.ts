import { randomBytes } from "node:crypto";
import { lstat, mkdir, realpath, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ToolError } from "../errors.js";
import { isInside, realpathAllowingMissing, resolveInside } from "./workspace.js";

export interface WriteNewFileOptions {
  /** Replace a file that is already there (atomically: temp file, then rename). Default false. */
  overwrite?: boolean;
  /** File mode for a new file; default 0o644. */
  mode?: number;
}

export interface WrittenFile {
  /** The real absolute path written. */
  path: string;
  /** False when an existing file was replaced. */
  created: boolean;
  bytes: number;
}

/**
 * Writes a file inside a connector folder, the one way tools create files.
 *
 * Without `overwrite` the file is created exclusively (`wx`): an existing file, or a symlink at that
 * name (even a dangling one), makes it fail with `already_exists` instead of being followed or
 * replaced. With `overwrite` the content goes to a temporary file created exclusively beside the
 * target and is renamed over it, so a reader never sees half a file and a symlink at the target is
 * replaced, not written through.
 *
 * @param projectDir the resolved connector folder (from Workspace.projectDir)
 * @param rel a path relative to projectDir; `..`, absolute paths and links out are refused
 */
export async function writeNewFile(projectDir: string, rel: string, content: string | Uint8Array, opts: WriteNewFileOptions = {}): Promise<WrittenFile> {
  const target = resolveInside(projectDir, rel);
  const root = realpathAllowingMissing(projectDir);
  if (target === root) throw new ToolError("invalid_argument", `The path "${rel}" names the connector folder itself, not a file in it.`, "Pass a file name such as connector.py.", rel);
  const dir = dirname(target);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // mkdir -p reports a file in the way as EEXIST or ENOTDIR.
    throw mapWriteError(code === "EEXIST" ? Object.assign(new Error("not a folder"), { code: "ENOTDIR" }) : e, rel);
  }
  // Security: the folder may have been swapped for a link between the check and mkdir; re-check.
  await assertStillInside(root, dir, rel);
  const mode = opts.mode ?? 0o644;
  const bytes = typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;

  if (!opts.overwrite) {
    try {
      // Security: O_CREAT|O_EXCL never follows a symlink at the final name and never truncates.
      await writeFile(target, content, { flag: "wx", mode });
    } catch (e) {
      throw mapWriteError(e, rel, "Pass overwrite: true to replace it, or choose another name.");
    }
    return { path: target, created: true, bytes };
  }

  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new ToolError("already_exists", `${rel} is a folder; a file cannot replace it.`, "Choose another file name.", rel);
  }
  const tmp = join(dir, `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, content, { flag: "wx", mode });
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw mapWriteError(e, rel);
  }
  return { path: target, created: existing === undefined, bytes };
}

async function assertStillInside(root: string, dir: string, rel: string): Promise<void> {
  const real = await realpath(dir);
  if (!isInside(root, real)) {
    throw new ToolError("outside_workspace", `The path ${rel} resolves through a link to outside the connector folder.`, "Remove the link or use a path inside the connector folder.", rel);
  }
}

function mapWriteError(e: unknown, rel: string, existsHint = "Choose another name."): ToolError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EEXIST") return new ToolError("already_exists", `${rel} already exists.`, existsHint, rel);
  if (code === "EISDIR") return new ToolError("already_exists", `${rel} is a folder.`, "Choose another file name.", rel);
  if (code === "ENOTDIR") return new ToolError("invalid_argument", `A part of ${rel} is a file, not a folder.`, "Check the path.", rel);
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return new ToolError("invalid_argument", `No permission to write ${rel} (${code}).`, "Check the folder's permissions.", rel);
  }
  if (code === "ENOSPC") return new ToolError("internal", `The disk is full while writing ${rel}.`, "Free some space and retry.", rel);
  if (code === "ENAMETOOLONG") return new ToolError("invalid_argument", `The path ${rel} is too long.`, "Use a shorter name.", rel);
  return new ToolError("internal", `Could not write ${rel}: ${e instanceof Error ? e.message : String(e)}`, undefined, rel);
}
