import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ToolError } from "../errors.js";
import { duckdb } from "./duckdb.js";
import { pinDatabase, type PinnedDatabase } from "./pin.js";

/**
 * Who holds which warehouse file in this process.
 *
 * DuckDB locks a file against other processes only: a second read-write instance in the same process opens
 * without complaint and the two would corrupt the file. So every instance goes through here: one writer per
 * file, and readers either borrow the writer's instance (they then see only committed data, DuckDB's MVCC) or,
 * when nobody writes, open their own read-only instance for the length of one request.
 */
const writers = new Map<string, DuckDBInstance>();
/** The pinned path each writer opened, released with it. */
const writerPins = new Map<string, PinnedDatabase>();
const writerTemps = new Map<string, string>();
const readers = new Map<string, number>();

/** Settings every instance starts with; none of them can change afterwards (lock_configuration). */
export const LOCKDOWN: Record<string, string> = {
  // Security: no file or network access from SQL, no extension downloads or loads.
  enable_external_access: "false",
  autoload_known_extensions: "false",
  autoinstall_known_extensions: "false",
  allow_community_extensions: "false",
};

/** The memory a read-only instance (query_warehouse, describe_warehouse) may use. */
export const READER_MEMORY_LIMIT = "512MB";

let privateTemp: string | undefined;

/**
 * A folder of this server process only (mode 0700, made by mkdtemp) for DuckDB's temporary files.
 *
 * Security: DuckDB lets SQL read its temp_directory even with external access off, and by default that is
 * `files/warehouse.db.tmp`, inside the connector folder, where anyone who can write the folder plants a hard link
 * to an outside file or a fifo that blocks the reading thread for ever. Our folder holds only what DuckDB puts there.
 */
export function privateTempDir(): string {
  if (!privateTemp) {
    const dir = mkdtempSync(join(tmpdir(), "fivetran-connector-mcp-duckdb-"));
    privateTemp = dir;
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return privateTemp;
}

/** A folder of its own for one instance inside privateTempDir(): two instances never share temp file names. */
// DuckDB refuses to change temp_directory once external access is off: it comes first in each configuration.
function instanceTempDir(): string {
  return mkdtempSync(join(privateTempDir(), "i-"));
}

function key(dbPath: string): string {
  return resolve(dbPath);
}

export function isLockError(e: unknown): boolean {
  const text = String((e as Error)?.message ?? e).toLowerCase();
  return text.includes("could not set lock") || text.includes("conflicting lock");
}

/** How a warehouse DuckDB refuses to open begins (the runner reads such a sync as failed, 459). */
export const CANNOT_OPEN = "Cannot open files/warehouse.db: ";

function lockedError(dbPath: string, why: string): ToolError {
  return new ToolError(
    "locked",
    `files/warehouse.db is in use: ${why}.`,
    "Wait for the running sync to finish (run_status), cancel it (cancel_run), or close the other program that has the file open (a duckdb shell, a notebook), then try again.",
    dbPath,
  );
}

export function hasWriter(dbPath: string): boolean {
  return writers.has(key(dbPath));
}

/** Opens the one read-write instance of a file; throws `locked` when this or another process already has it. */
export async function openWriterInstance(dbPath: string): Promise<DuckDBInstance> {
  const k = key(dbPath);
  if (writers.has(k)) throw lockedError(dbPath, "another sync in this server is writing to it");
  // Readers of this process finish within their time limit; a writer waits for them rather than failing.
  for (let waited = 0; (readers.get(k) ?? 0) > 0; waited += 25) {
    if (waited > 15_000) throw lockedError(dbPath, "a query is still reading it");
    await new Promise((r) => setTimeout(r, 25));
  }
  if (writers.has(k)) throw lockedError(dbPath, "another sync in this server is writing to it");
  // Reserve the slot before the await, so two syncs started together cannot both open.
  const placeholder = {} as DuckDBInstance;
  writers.set(k, placeholder);
  let pin: PinnedDatabase | undefined;
  try {
    // Security: DuckDB opens the file through files/ pinned by a descriptor, and its identity is checked after.
    pin = pinDatabase(dbPath, "write");
    // Security: the private temp folder too, as for readers: readers of a running sync borrow this instance.
    const temp = instanceTempDir();
    writerTemps.set(k, temp);
    const instance = await duckdb.DuckDBInstance.create(pin.path, { temp_directory: temp, ...LOCKDOWN });
    try {
      pin.verify();
    } catch (e) {
      instance.closeSync();
      throw e;
    }
    writers.set(k, instance);
    writerPins.set(k, pin);
    return instance;
  } catch (e) {
    writers.delete(k);
    pin?.release();
    const temp = writerTemps.get(k);
    if (temp) rmSync(temp, { recursive: true, force: true });
    writerTemps.delete(k);
    if (e instanceof ToolError) throw e;
    if (isLockError(e)) throw lockedError(dbPath, "another process (another sync, or a duckdb shell) holds it");
    throw new ToolError("internal", `${CANNOT_OPEN}${(e as Error).message}`, "If the file is damaged, run run_debug with reset=true to start clean.", dbPath);
  }
}

export function releaseWriterInstance(dbPath: string, instance: DuckDBInstance): void {
  const k = key(dbPath);
  if (writers.get(k) === instance) {
    writers.delete(k);
    writerPins.get(k)?.release();
    writerPins.delete(k);
    // The writer closes its instance before it releases it: its temp folder is no longer used.
    const temp = writerTemps.get(k);
    if (temp) rmSync(temp, { recursive: true, force: true });
    writerTemps.delete(k);
  }
}

/**
 * Runs `fn` with a read-only view of the file: a connection on the writer's instance while a sync holds it
 * (committed data only), else a read-only instance of its own with external access off and the configuration
 * locked. The connection's search path puts the connector's schema first.
 */
export async function withReader<T>(dbPath: string, schema: string, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const k = key(dbPath);
  const shared = writers.get(k);
  if (shared && !(shared instanceof duckdb.DuckDBInstance)) {
    throw lockedError(dbPath, "a sync in this server is opening it (sync in progress)");
  }
  let own: DuckDBInstance | undefined;
  let ownTemp: string | undefined;
  let pin: PinnedDatabase | undefined;
  let conn: DuckDBConnection;
  if (shared) {
    conn = await shared.connect();
  } else {
    readers.set(k, (readers.get(k) ?? 0) + 1);
    try {
      // Security: a query's working memory is bounded (an aggregate building a huge string fails with DuckDB's
      // out-of-memory error instead of taking the machine's memory).
      // Security: DuckDB opens a descriptor of the checked file (or its pinned folder), never the name again.
      pin = pinDatabase(dbPath, "read");
      // One DuckDB thread per read-only instance: a hostile query computes no further ahead of the read in parallel,
      // and queries of other folders keep the other cores.
      own = await duckdb.DuckDBInstance.create(pin.path, {
        temp_directory: (ownTemp = instanceTempDir()),
        ...LOCKDOWN,
        access_mode: "READ_ONLY",
        memory_limit: READER_MEMORY_LIMIT,
        threads: "1",
      });
      pin.verify();
      conn = await own.connect();
      // Security: times read in UTC, then nothing about the instance can change any more.
      await conn.run("SET GLOBAL TimeZone = 'UTC'");
      await conn.run("SET GLOBAL lock_configuration = true");
    } catch (e) {
      own?.closeSync();
      pin?.release();
      readers.set(k, (readers.get(k) ?? 1) - 1);
      if (ownTemp) rmSync(ownTemp, { recursive: true, force: true });
      if (e instanceof ToolError) throw e;
      if (isLockError(e)) throw lockedError(dbPath, "a sync in another process is writing to it (sync in progress)");
      throw new ToolError("query_failed", `Cannot open files/warehouse.db: ${(e as Error).message}`, "Run run_debug with reset=true if the file is damaged.", dbPath);
    }
  }
  try {
    // Only the search path changes, which lock_configuration allows: unqualified names find the connector's tables.
    await conn.run(`SET search_path = '${schema},main'`);
    return await fn(conn);
  } finally {
    conn.closeSync();
    if (own) {
      own.closeSync();
      pin?.release();
      if (ownTemp) rmSync(ownTemp, { recursive: true, force: true });
      readers.set(k, (readers.get(k) ?? 1) - 1);
      if (!readers.get(k)) readers.delete(k);
    }
  }
}
