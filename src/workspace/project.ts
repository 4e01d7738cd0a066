import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { ToolError } from "../errors.js";
import { checkPathArgument, isInside, realpathAllowingMissing } from "./workspace.js";

/**
 * The one way to touch a file inside a connector folder.
 *
 * Every file of a connector folder is untrusted input, links included: a folder cloned from anywhere may hold
 * `files/state.json -> /home/me/.ssh/id_rsa` or `files -> /`. A `ConnectorProject` is resolved once per call (the
 * workspace check has passed by then) and resolves every relative path it is asked for to its real path, refusing
 * any that leaves the folder through `..`, an absolute path or a link (links to inside the folder are fine). Reads
 * open the real path with O_NOFOLLOW and O_NONBLOCK (a FIFO does not hang the server) and then check the opened file
 * descriptor itself: a regular file, one hard link, and, where the platform says which file a descriptor is
 * (/proc/self/fd on Linux), still inside the folder; elsewhere its device and inode must match the path's. Writes go
 * to a temporary file created exclusively beside the target and renamed over it, so a write never goes through a
 * link or a hard link planted at the target name.
 */
export class ConnectorProject {
  private constructor(
    /** The folder's real absolute path. */
    readonly root: string,
  ) {}

  /** A project at a folder that was already checked against the workspace (or that the CLI user named). */
  static at(dir: string): ConnectorProject {
    return new ConnectorProject(realpathAllowingMissing(dir));
  }

  /** Engines accept either a project or a folder path (the CLI and tests pass paths). */
  static of(p: ConnectorProject | string): ConnectorProject {
    return typeof p === "string" ? ConnectorProject.at(p) : p;
  }

  /**
   * The real absolute path of `rel`, which must stay inside the folder. A missing file resolves to where it would be
   * created; a dangling link resolves to its target, because that is where a write would land.
   */
  resolve(rel: string): string {
    const lexical = this.lexical(rel);
    let real: string;
    try {
      real = realpathAllowingMissing(lexical);
    } catch (e) {
      if (e instanceof ToolError) throw new ToolError("invalid_argument", `${rel} is a chain of links that never ends (a loop or more than 40 links).`, "Remove the link loop.", rel);
      throw e;
    }
    // Security: the real path, through every link on the way, must still be inside the folder.
    if (!isInside(this.root, real)) throw leaves(rel);
    return real;
  }

  /** `rel` joined to the folder, refused when it leaves it by `..` or is absolute. */
  private lexical(rel: string): string {
    checkPathArgument(rel, "path");
    // Security: lexical check first, so `..` and absolute paths are refused before any filesystem call.
    const lexical = resolve(this.root, rel);
    if (isAbsolute(rel) || !isInside(this.root, lexical)) {
      throw new ToolError("outside_project", `The path ${rel} leaves the connector folder.`, "Use a path inside the connector folder.", rel);
    }
    return lexical;
  }

  /** Where `rel` is, relative to the folder, for messages. */
  relative(abs: string): string {
    return relative(this.root, abs).split(sep).join("/");
  }

  /** Whether `rel` exists (a link to outside the folder is refused, not reported as absent). */
  exists(rel: string): boolean {
    return this.lstat(rel) !== undefined;
  }

  /** The file's status, or undefined when it does not exist. Follows links inside the folder only. */
  lstat(rel: string): Stats | undefined {
    const real = this.resolve(rel);
    try {
      return lstatSync(real);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw fsError(e, rel, "read");
    }
  }

  isDirectory(rel: string): boolean {
    return this.lstat(rel)?.isDirectory() ?? false;
  }

  /**
   * Reads a regular file; undefined when it does not exist. Refuses a link leaving the folder, anything that is not a
   * regular file (a FIFO, a device, a folder) and a file with more than one hard link (it can be a file outside).
   */
  readBytes(rel: string, maxBytes = 64 * 1024 * 1024): Buffer | undefined {
    const opened = this.openReadable(rel, maxBytes);
    if (opened === undefined) return undefined;
    const { fd, st } = opened;
    try {
      const buf = Buffer.alloc(st.size);
      let off = 0;
      while (off < buf.length) {
        const n = readSync(fd, buf, off, buf.length - off, off);
        if (n === 0) break;
        off += n;
      }
      return buf.subarray(0, off);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Whether `rel` is a folder inside the project (a link to one inside followed, as Python's os.stat() follows it);
   * a link leaving the folder is refused. `fivetran debug` refuses a folder where it reads configuration.json or
   * files/state.json only once connector.py has loaded, so the runner leaves such a folder to the harness (581, 572).
   */
  isFolder(rel: string): boolean {
    const real = this.resolve(rel);
    try {
      return statSync(real).isDirectory();
    } catch {
      // Missing, or under a file (files/ a file: ENOTDIR): no folder; the callers' own checks say the rest.
      return false;
    }
  }

  /**
   * What readBytes() refuses, without reading: for a file another process reads itself (the harness reads
   * files/state.json after connector.py has loaded). False when it does not exist.
   */
  checkReadable(rel: string, maxBytes = 64 * 1024 * 1024): boolean {
    const opened = this.openReadable(rel, maxBytes);
    if (opened !== undefined) closeSync(opened.fd);
    return opened !== undefined;
  }

  /** readBytes()'s open and checks: the open descriptor and its status, or undefined when the file does not exist. */
  private openReadable(rel: string, maxBytes: number): { fd: number; st: Stats } | undefined {
    const real = this.resolve(rel);
    let fd: number;
    try {
      // Security: O_NOFOLLOW, so a link put at the real path after it was resolved is not followed; O_NONBLOCK, so a
      // FIFO cannot block the open.
      fd = openSync(real, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw fsError(e, rel, "read");
    }
    try {
      const st = this.checkOpened(fd, real, rel);
      if (st.size > maxBytes) {
        throw new ToolError("invalid_argument", `${rel} is ${st.size} bytes; the limit is ${maxBytes}.`, `Make ${rel} smaller.`, rel);
      }
      return { fd, st };
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  readText(rel: string, maxBytes?: number): string | undefined {
    return this.readBytes(rel, maxBytes)?.toString("utf8");
  }

  /**
   * Writes a file atomically: a temporary file created exclusively (O_EXCL|O_NOFOLLOW) in the target's real folder,
   * checked, then renamed over the target. A hard link at the target name is replaced, never written through; a link
   * leaving the folder is refused, and one inside it is followed to its target (which is replaced) unless `replaceName`.
   * With `exclusive`, the temporary file is hard-linked to the target name instead, which fails if anything is there.
   * With `replaceName`, a link at `rel` itself (inside the folder) is not followed but replaced by the new file, as
   * `os.replace()` replaces it: the SDK writes files/state.json so, and the file the link named keeps its text.
   */
  writeFile(rel: string, content: string | Uint8Array, opts: { mode?: number; exclusive?: boolean; replaceName?: boolean } = {}): string {
    const target = opts.replaceName ? this.nameIn(rel) : this.resolve(rel);
    if (target === this.root) throw new ToolError("invalid_argument", `${rel} names the connector folder itself.`, "Pass a file name.", rel);
    const existing = lstatOrUndefined(target);
    if (existing && opts.exclusive) throw new ToolError("already_exists", `${rel} already exists.`, "Choose another name, or replace the file.", rel);
    if (existing?.isDirectory()) throw new ToolError("already_exists", `${rel} is a folder; a file cannot replace it.`, "Remove the folder or choose another name.", rel);
    const dir = dirname(target);
    this.mkdirAbs(dir, rel);
    const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    // A link's own mode (0777) is not the file's: a replaced link gives the new file the default.
    const mode = opts.mode ?? (existing?.isSymbolicLink() ? undefined : existing?.mode) ?? 0o644;
    // Security: from here on every path names the folder through a descriptor of it, so a folder swapped for a link
    // meanwhile (renamed away, a link put at its name) cannot send the temporary file or the rename outside.
    const pinned = pinFolder(this.root, (e) => (e === undefined ? leaves(rel) : fsError(e, rel, "write")));
    const at = (abs: string) => (pinned ? join(pinned.path, relative(this.root, abs)) : abs);
    try {
      let fd: number;
      try {
        // Security: O_CREAT|O_EXCL|O_NOFOLLOW never follows or reuses anything already at the temporary name.
        fd = openSync(at(tmp), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, mode);
      } catch (e) {
        throw fsError(e, rel, "write");
      }
      try {
        try {
          // Security: the folder may have been swapped for a link between the check and the open; check the new file,
          // and if it landed outside, remove it where it really is (it is ours: created exclusively, a random name).
          try {
            this.checkOpened(fd, tmp, rel);
          } catch (e) {
            const where = fdPath(fd);
            if (where !== undefined && basename(where) === basename(tmp)) rmSync(where, { force: true });
            throw e;
          }
          const buf = typeof content === "string" ? Buffer.from(content, "utf8") : content;
          let off = 0;
          while (off < buf.byteLength) off += writeSync(fd, buf, off, buf.byteLength - off);
        } finally {
          closeSync(fd);
        }
        if (opts.exclusive) {
          // link() fails when anything (a file, a link, a dangling link) is at the target name, and never follows it.
          linkSync(at(tmp), at(target));
          unlinkSync(at(tmp));
        } else {
          renameSync(at(tmp), at(target));
        }
      } catch (e) {
        rmSync(at(tmp), { force: true });
        throw e instanceof ToolError ? e : fsError(e, rel, "write");
      }
    } finally {
      pinned?.close();
    }
    return target;
  }

  /** Creates a folder and its missing parents inside the project, refusing links that leave it; returns its real path. */
  mkdir(rel: string): string {
    const real = this.resolve(rel);
    this.mkdirAbs(real, rel);
    return real;
  }

  /**
   * Removes a file or a folder tree. A link is removed itself (never its target), but a link leaving the folder is
   * refused like any other access, so that the same hostile folder gives the same answer everywhere.
   */
  remove(rel: string, opts: { recursive?: boolean } = {}): boolean {
    // Security: the whole path is checked (a link leaving the folder is refused), then the name is unlinked in its
    // parent's checked real folder, so only the name itself goes.
    this.resolve(rel);
    const name = this.nameIn(rel);
    const st = lstatOrUndefined(name);
    if (!st) return false;
    if (st.isDirectory()) {
      if (!opts.recursive) throw new ToolError("invalid_argument", `${rel} is a folder.`, "Remove the folder by hand.", rel);
      // rm never follows links inside the tree it removes.
      rmSync(name, { recursive: true, force: true });
    } else {
      unlinkSync(name);
    }
    return true;
  }

  /**
   * `rel`'s last name in its parent's real folder, the link at that name not followed: the parent is resolve()d (so
   * it is inside the folder), the name itself is left as it is.
   */
  private nameIn(rel: string): string {
    const lexical = this.lexical(rel);
    // The folder itself has no name in a parent inside it: remove(".") must never become the whole folder.
    if (lexical === this.root) throw new ToolError("invalid_argument", `${rel} names the connector folder itself.`, "Pass a file name.", rel);
    return join(this.resolve(relative(this.root, dirname(lexical)) || "."), basename(lexical));
  }

  /** Names in a folder of the project; [] when it does not exist. */
  list(rel: string): string[] {
    const real = this.resolve(rel);
    const st = lstatOrUndefined(real);
    if (!st) return [];
    if (!st.isDirectory()) throw new ToolError("invalid_argument", `${rel} is not a folder.`, `Remove or rename ${rel}.`, rel);
    return readdirSync(real);
  }

  /**
   * The real path of a DuckDB database in the project, checked right before DuckDB opens it: the file and the files
   * DuckDB keeps beside it (`.wal`, the `.tmp` spill folder) are each absent or a regular file (folder for `.tmp`)
   * inside the folder, with one hard link.
   *
   * DuckDB opens by path and follows links: src/warehouse/pin.ts hands it this folder's files/ pinned by a descriptor
   * and checks the file's identity after the open, which says what race is left.
   */
  database(rel: string): string {
    const real = this.resolve(rel);
    for (const [suffix, kind] of [
      ["", "file"],
      [".wal", "file"],
      [".tmp", "folder"],
    ] as const) {
      // Security: each of DuckDB's files passes resolve() too: a .wal link leaving the folder would be written through.
      const st = lstatOrUndefined(suffix === "" ? real : this.resolve(`${rel}${suffix}`));
      if (!st) continue;
      if (kind === "folder" ? !st.isDirectory() : !st.isFile()) {
        throw new ToolError("invalid_argument", `${rel}${suffix} is not a regular ${kind}.`, `Remove ${rel}${suffix}; run_debug creates it again.`, `${rel}${suffix}`);
      }
      if (kind === "file" && st.nlink > 1) throw hardLinked(`${rel}${suffix}`, st.nlink);
    }
    return real;
  }

  /** Refuses a file descriptor that is not a regular file inside the folder with one link. */
  private checkOpened(fd: number, path: string, rel: string): Stats {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw new ToolError("invalid_argument", `${rel} is not a regular file.`, `Replace ${rel} with a regular file.`, rel);
    }
    if (st.nlink > 1) throw hardLinked(rel, st.nlink);
    const viaProc = fdPath(fd);
    if (viaProc !== undefined) {
      if (!isInside(this.root, viaProc)) throw leaves(rel);
      return st;
    }
    // Without /proc: the path, resolved again now, must be inside and name the very file that was opened.
    let again: Stats;
    let real: string;
    try {
      real = realpathSync(path);
      again = statSync(real);
    } catch {
      throw leaves(rel);
    }
    if (!isInside(this.root, real) || again.dev !== st.dev || again.ino !== st.ino) throw leaves(rel);
    return st;
  }

  /** mkdir -p for a real path inside the folder, one component at a time, never through a link. */
  private mkdirAbs(abs: string, rel: string): void {
    if (!isInside(this.root, abs)) throw leaves(rel);
    const parts = relative(this.root, abs).split(sep).filter(Boolean);
    let cur = this.root;
    for (const part of parts) {
      cur = join(cur, part);
      const st = lstatOrUndefined(cur);
      if (st?.isDirectory()) continue;
      if (st?.isSymbolicLink()) {
        // A link inside the folder to a folder inside it is fine; anything else was refused by resolve() or is new.
        const real = realpathAllowingMissing(cur);
        if (!isInside(this.root, real)) throw leaves(rel);
        if (!existsSync(real)) throw leaves(rel);
        cur = real;
        continue;
      }
      if (st) throw new ToolError("invalid_argument", `A part of ${rel} (${this.relative(cur)}) is a file, not a folder.`, `Remove or rename ${this.relative(cur)}.`, rel);
      let created = false;
      try {
        // Security: not recursive, so each component is created here and checked, never created through a link.
        mkdirSync(cur);
        created = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw fsError(e, rel, "write");
        if (!lstatSync(cur).isDirectory()) throw leaves(rel);
      }
      // Security: a parent swapped for a link just before mkdir puts the new (empty) folder outside; take it back.
      const made = realpathAllowingMissing(cur);
      if (!isInside(this.root, made)) {
        if (created) rmdirSafe(made);
        throw leaves(rel);
      }
    }
  }
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

function fdPath(fd: number): string | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/**
 * A folder pinned by a descriptor, and the path through it (/proc/self/fd/N) that keeps naming that very folder
 * whatever happens to its name later: Node has no openat(). The folder is opened without following a link at its
 * name and must still be at `dir` once open. Undefined where the platform has no /proc (callers then check after
 * each open instead). `refuse` makes the error: with the open's own error, or without one when the folder opened is
 * not the one at `dir`.
 */
export function pinFolder(dir: string, refuse: (e?: unknown) => Error): { path: string; close(): void } | undefined {
  if (process.platform !== "linux" || !existsSync("/proc/self/fd")) return undefined;
  let fd: number;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY | NOFOLLOW | NONBLOCK);
  } catch (e) {
    throw refuse(e);
  }
  if (fdPath(fd) !== dir) {
    closeSync(fd);
    throw refuse();
  }
  return { path: `/proc/self/fd/${fd}`, close: () => closeSync(fd) };
}

function rmdirSafe(p: string): void {
  try {
    rmdirSync(p);
  } catch {
    // Not empty or gone: then it was not the folder just made.
  }
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

export function leaves(rel: string): ToolError {
  return new ToolError(
    "outside_project",
    `${rel} is, or goes through, a link to outside the connector folder; it is neither read nor written.`,
    `Replace the link ${rel} (or the linked folder on its path) with a real file or folder inside the connector folder.`,
    rel,
  );
}

function hardLinked(rel: string, n: number): ToolError {
  return new ToolError(
    "outside_project",
    `${rel} has ${n} hard links; one of them may be a file outside the connector folder, so it is neither read nor written in place.`,
    `Replace ${rel} with a copy (cp ${rel} ${rel}.copy && mv ${rel}.copy ${rel}).`,
    rel,
  );
}

function fsError(e: unknown, rel: string, what: "read" | "write"): ToolError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  // Security: ELOOP from O_NOFOLLOW means a link appeared at a path that was just resolved without one.
  if (code === "ELOOP") return leaves(rel);
  if (code === "EISDIR") return new ToolError("invalid_argument", `${rel} is a folder, not a file.`, `Remove or rename ${rel}.`, rel);
  if (code === "EEXIST") return new ToolError("already_exists", `${rel} already exists.`, "Choose another name.", rel);
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return new ToolError("invalid_argument", `No permission to ${what} ${rel} (${code}).`, "Check the folder's permissions.", rel);
  if (code === "ENOSPC") return new ToolError("internal", `The disk is full while writing ${rel}.`, "Free some space and retry.", rel);
  if (code === "ENAMETOOLONG") return new ToolError("invalid_argument", `The path ${rel} is too long.`, "Use a shorter name.", rel);
  return new ToolError("internal", `Could not ${what} ${rel}: ${e instanceof Error ? e.message : String(e)}`, undefined, rel);
}
