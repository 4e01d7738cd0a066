import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Which `.venv` folders this server built itself, kept outside every connector folder.
 *
 * A `.venv` that came with a folder (cloned, unpacked, written by the folder's own code) is untrusted input: a `.pth`
 * file in its site-packages or a patched pip runs as soon as its Python starts. install_requirements therefore runs
 * only a venv it built and recorded here, with a fingerprint of every entry of the venv (name, type, size, mtime,
 * ctime, inode, link target): ctime and inode change with any write or replacement and cannot be set back by a
 * process, so a venv changed after the record no longer matches and is rebuilt.
 */

/** Environment variable naming the folder of the records (created 0700). Tests point it at a temp dir. */
export const VENVS_DIR_ENV = "FIVETRAN_CONNECTOR_MCP_VENVS_DIR";

/** More entries than this and the venv is not fingerprinted (and so never reused): the walk must stay cheap. */
const MAX_ENTRIES = 200_000;

interface VenvRecord {
  v: 1;
  /** The venv's real path. */
  venv: string;
  /** The base interpreter that created it (as given). */
  base: string;
  fingerprint: string;
  recordedAt: string;
}

function recordsDir(): string | null {
  const configured = process.env[VENVS_DIR_ENV]?.trim();
  let dir = configured;
  if (!dir) {
    if (process.platform === "win32") dir = join(process.env.LOCALAPPDATA || join(homedir(), "AppData", "Local"), "fivetran-connector-mcp", "venvs");
    else {
      const cache = process.env.XDG_CACHE_HOME?.trim() || (homedir() ? join(homedir(), ".cache") : "");
      const uid = typeof process.getuid === "function" ? process.getuid() : "user";
      dir = cache ? join(cache, "fivetran-connector-mcp", "venvs") : join(tmpdir(), `fivetran-connector-mcp-${uid}`, "venvs");
    }
  }
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Security: the records decide which programs run; a folder planted by someone else (a link, another user's, one
    // open to others) is not ours.
    const st = lstatSync(dir);
    if (!st.isDirectory()) return null;
    if (typeof process.getuid === "function" && (st.uid !== process.getuid() || (st.mode & 0o022) !== 0)) return null;
    return dir;
  } catch {
    return null;
  }
}

function recordFile(dir: string, venvReal: string): string {
  return join(dir, `${createHash("sha256").update(venvReal).digest("hex").slice(0, 32)}.json`);
}

/**
 * A hash of every entry under the venv, without following links (a link is hashed by its target text), or null when
 * the venv cannot be walked or is too large.
 */
export function venvFingerprint(venvReal: string): string | null {
  const h = createHash("sha256");
  let count = 0;
  const walk = (dir: string, rel: string): boolean => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return false;
    }
    for (const name of names) {
      if (++count > MAX_ENTRIES) return false;
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      let st;
      try {
        st = lstatSync(p, { bigint: true });
      } catch {
        return false;
      }
      const type = st.isDirectory() ? "d" : st.isSymbolicLink() ? "l" : st.isFile() ? "f" : "o";
      h.update(`${r}\0${type}\0${st.size}\0${st.mtimeNs}\0${st.ctimeNs}\0${st.ino}\0${st.mode}\0`);
      if (type === "l") {
        try {
          h.update(readlinkSync(p));
        } catch {
          return false;
        }
      }
      h.update("\n");
      if (type === "d" && !walk(p, r)) return false;
    }
    return true;
  };
  try {
    // pyvenv.cfg decides the base interpreter and whether the system's packages are visible: its bytes count too.
    h.update(readFileSync(join(venvReal, "pyvenv.cfg")));
  } catch {
    return null;
  }
  return walk(venvReal, "") ? h.digest("hex") : null;
}

/** Records a venv this server has just built (or installed into). Failing to record only costs a rebuild later. */
export function recordVenv(venv: string, base?: string): void {
  const dir = recordsDir();
  if (!dir) return;
  try {
    const real = realpathSync(venv);
    const fingerprint = venvFingerprint(real);
    if (!fingerprint) return;
    const file = recordFile(dir, real);
    // Installing into a venv keeps the record of the interpreter that built it.
    const previous = base ?? readRecord(file)?.base ?? "";
    const rec: VenvRecord = { v: 1, venv: real, base: previous, fingerprint, recordedAt: new Date().toISOString() };
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(rec), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // Not recorded: the next install_requirements moves this venv aside and builds it again.
  }
}

/** Whether the venv at this path is one this server built and nothing in it changed since. */
export function isRecordedVenv(venv: string): boolean {
  const dir = recordsDir();
  if (!dir) return false;
  let real: string;
  try {
    real = realpathSync(venv);
  } catch {
    return false;
  }
  const rec = readRecord(recordFile(dir, real));
  if (rec?.v !== 1 || rec.venv !== real) return false;
  return venvFingerprint(real) === rec.fingerprint;
}

function readRecord(file: string): VenvRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as VenvRecord;
  } catch {
    return undefined;
  }
}
