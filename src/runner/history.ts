import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { isAlive, isThisProcess, thisProcess, type ProcessId } from "../process-owner.js";
import { recoverStateAside } from "../state/aside.js";
import type { EngineChoice, OperationCounts, RunResult } from "./types.js";

/**
 * Run records on disk, one small JSON file per run, so that a run_id outlives the server that started it: MCP
 * clients restart servers on a config reload, a crash or an update, and an agent holding a run_id must get the
 * result, or a clear "interrupted", from the next server rather than "unknown run".
 *
 * A record holds what run_status answers with: the run's id, folder, engine, start time, the server and connector
 * processes, the status and, once the run ended, its RunResult. The RunResult is already redacted (secrets masked
 * by the engines); configuration and state overrides are never written here.
 */

/**
 * Environment variable naming the folder that keeps the run records (created 0700 when missing). Tests point it
 * at a temp dir. Default: $XDG_CACHE_HOME/fivetran-connector-mcp/runs (~/.cache/... on Linux and macOS,
 * %LOCALAPPDATA%\fivetran-connector-mcp\runs on Windows), else a per-user folder under the system temp dir.
 */
export const RUNS_DIR_ENV = "FIVETRAN_CONNECTOR_MCP_RUNS_DIR";

/** Records kept: the last MAX_RECORDS finished runs, none older than MAX_AGE_MS. */
export const MAX_RECORDS = 50;
export const MAX_AGE_MS = 3 * 24 * 60 * 60 * 1000;

export type StoredStatus = "running" | RunResult["status"] | "interrupted";

export interface RunRecord {
  v: 1;
  runId: string;
  projectDir: string;
  /** The engine asked for; result.engine says which one ran. */
  engine: EngineChoice;
  startedAt: string;
  /** The server process that runs it: when it is gone and the record still says running, the run was interrupted. */
  server: ProcessId;
  /** The connector's process (group leader), once started. */
  child?: ProcessId;
  status: StoredStatus;
  updatedAt: string;
  endedAt?: string;
  /** Operation counts so far (the final ones once the run ended). */
  counts: OperationCounts;
  result?: RunResult;
  /** A run that could not start (a usage error such as a locked warehouse). */
  startError?: { code: string; message: string; hint?: string };
  /** Why the run ended without a result of its own. */
  interruption?: { message: string; hint: string };
}

/** What an agent reads when the server that ran the sync stopped before the sync ended. */
export const INTERRUPTED = {
  message: "The server stopped (a restart, a crash or the client closing it) while this sync was running, and the connector process stopped with it.",
  hint: "The warehouse and files/state.json hold what the last checkpoint committed; run run_debug again to continue from there.",
};

// Security: a run_id comes from the client and becomes a file name; only the UUIDs we hand out are accepted.
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRunId(s: string): boolean {
  return RUN_ID.test(s);
}

let resolved: { key: string; dir: string | null } | undefined;

/** The records folder, created on first use; null when it cannot be used (the history is then off). */
export function runsDir(): string | null {
  const configured = process.env[RUNS_DIR_ENV]?.trim();
  const key = configured ?? "";
  if (resolved?.key === key) return resolved.dir;
  let dir: string | null = null;
  try {
    dir = prepare(configured || defaultDir());
  } catch {
    // The history is a convenience: a run must not fail because its record cannot be kept.
    dir = null;
  }
  resolved = { key, dir };
  return dir;
}

function defaultDir(): string {
  if (process.platform === "win32") {
    const base = process.env.LOCALAPPDATA || join(homedir(), "AppData", "Local");
    return join(base, "fivetran-connector-mcp", "runs");
  }
  const cache = process.env.XDG_CACHE_HOME?.trim() || (homedir() ? join(homedir(), ".cache") : "");
  if (cache) return join(cache, "fivetran-connector-mcp", "runs");
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return join(tmpdir(), `fivetran-connector-mcp-${uid}`, "runs");
}

function prepare(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Security: the folder holds run results (redacted, but still a user's data) and is trusted when read back:
  // it must be a real folder of ours, not a symlink someone planted in a shared temp dir, nor readable by others.
  const st = lstatSync(dir);
  if (!st.isDirectory()) throw new Error(`${dir} is not a folder`);
  if (typeof process.getuid === "function") {
    if (st.uid !== process.getuid()) throw new Error(`${dir} belongs to another user`);
    if ((st.mode & 0o077) !== 0) throw new Error(`${dir} is open to other users`);
  }
  return dir;
}

function recordPath(dir: string, runId: string): string {
  return join(dir, `${runId}.json`);
}

/** Writes a record atomically (0600); false when the history is off or the write failed. */
export function saveRecord(rec: RunRecord): boolean {
  const dir = runsDir();
  if (!dir || !isRunId(rec.runId)) return false;
  const path = recordPath(dir, rec.runId);
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ ...rec, updatedAt: new Date().toISOString() }), { mode: 0o600, flag: "wx" });
    renameSync(tmp, path);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    // The folder may have gone (a temp cleaner); the next record tries to create it again.
    resolved = undefined;
    return false;
  }
}

function parseRecord(path: string): RunRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(path, "utf8")) as RunRecord;
    return r && r.v === 1 && typeof r.runId === "string" && typeof r.status === "string" && r.server ? r : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A stored run. A record that still says "running" while its server is gone is settled here: the run was
 * interrupted; an orphaned connector process is stopped and a state override put back (see src/state/aside.ts).
 * Records of runs of this very process are returned as they are (the live registry answers for those).
 */
export function loadRecord(runId: string): RunRecord | undefined {
  const dir = runsDir();
  if (!dir || !isRunId(runId)) return undefined;
  const rec = parseRecord(recordPath(dir, runId));
  if (!rec || rec.runId !== runId) return undefined;
  return settleIfOrphaned(rec);
}

/** Marks a "running" record whose server is gone as interrupted; returns the record as it now stands. */
export function settleIfOrphaned(rec: RunRecord): RunRecord {
  if (rec.status !== "running" || isThisProcess(rec.server) || serverAlive(rec)) return rec;
  stopOrphan(rec.child);
  // Security: the folder comes from our own record file, in our own 0700 folder.
  if (existsSync(rec.projectDir)) {
    try {
      recoverStateAside(rec.projectDir);
    } catch {
      // the next run of the folder tries again
    }
  }
  const now = new Date().toISOString();
  const settled: RunRecord = { ...rec, status: "interrupted", endedAt: rec.endedAt ?? now, interruption: rec.interruption ?? INTERRUPTED };
  saveRecord(settled);
  return settled;
}

/** A live server re-saves its running records at least this often (index.ts), so a stale one has no server. */
export const HEARTBEAT_MS = 30_000;
const STALE_MS = 4 * HEARTBEAT_MS;

function serverAlive(rec: RunRecord): boolean {
  if (!isAlive(rec.server)) return false;
  // Without a start time (no /proc) a reused pid looks alive: a record its server stopped refreshing is not.
  if (rec.server.start === undefined) return Date.now() - (Date.parse(rec.updatedAt) || 0) < STALE_MS;
  return true;
}

/**
 * A server killed outright (SIGKILL, a crash) cannot take its connector with it: the connector runs in its own
 * process group and may go on writing the warehouse that the next run needs. It is nobody's run now.
 */
function stopOrphan(child: ProcessId | undefined): void {
  // Safety: only a process known by its start time too; a bare pid may belong to someone else by now.
  if (!child || child.start === undefined || !isAlive(child)) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    try {
      process.kill(child.pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * Keeps the folder small: settles orphaned records, then deletes finished records past the last MAX_RECORDS and
 * any older than MAX_AGE_MS. Records of runs still going (here or in another live server) stay.
 */
export function pruneRecords(now = Date.now()): void {
  const dir = runsDir();
  if (!dir) return;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const finished: { path: string; at: number }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (name.endsWith(".tmp")) {
      // A write that died between its two steps.
      try {
        if (now - statSync(path).mtimeMs > 60_000) rmSync(path, { force: true });
      } catch {
        // gone
      }
      continue;
    }
    if (!name.endsWith(".json") || !isRunId(name.slice(0, -5))) continue;
    const raw = parseRecord(path);
    if (!raw) {
      rmSync(path, { force: true });
      continue;
    }
    const rec = settleIfOrphaned(raw);
    if (rec.status === "running") continue;
    const at = Date.parse(rec.endedAt ?? rec.updatedAt ?? rec.startedAt) || 0;
    finished.push({ path, at });
  }
  finished.sort((a, b) => b.at - a.at);
  finished.forEach((f, i) => {
    if (i >= MAX_RECORDS || now - f.at > MAX_AGE_MS) rmSync(f.path, { force: true });
  });
}

export function newRecord(runId: string, projectDir: string, engine: EngineChoice, startedAt: number, counts: OperationCounts): RunRecord {
  const at = new Date(startedAt).toISOString();
  return { v: 1, runId, projectDir, engine, startedAt: at, server: thisProcess(), status: "running", updatedAt: at, counts };
}

/**
 * Waits up to `ms` for a stored run that another live server is running to end, reading its record every half
 * second; returns the record as it last stood.
 */
export async function waitForRecord(runId: string, ms: number, signal?: AbortSignal): Promise<RunRecord | undefined> {
  const until = Date.now() + ms;
  let rec = loadRecord(runId);
  while (rec?.status === "running" && Date.now() < until && !signal?.aborted) {
    await new Promise<void>((resolve) => {
      const onAbort = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(
        () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.min(500, Math.max(0, until - Date.now())),
      );
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    rec = loadRecord(runId) ?? rec;
  }
  return rec;
}
