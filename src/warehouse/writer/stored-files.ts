import type { DuckDBConnection } from "@duckdb/node-api";
import { readdirSync, rmdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { ConnectorProject } from "../../workspace/project.js";
import { filesDir } from "../files.js";
import { quote } from "../names.js";
import type { SyncTable } from "./batch.js";
import { qualified } from "./ddl.js";
import { FILE_PATH } from "./system.js";

/** Files uploaded with rows (files/storage/): those no committed row names any more are deleted, as the SDK's core does. */
export class StoredFiles {
  /** Stored-file paths that rows of the open transaction stopped naming: deleted after the commit if none does. */
  private readonly staleFiles = new Map<SyncTable, Set<string>>();

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly projectDir: string,
  ) {}

  /** Paths a row named and then stopped naming before it was written (Batch.replacedPaths). */
  noteStale(t: SyncTable, paths: Iterable<string>): void {
    let stale = this.staleFiles.get(t);
    if (!stale) this.staleFiles.set(t, (stale = new Set()));
    for (const p of paths) stale.add(p);
  }

  /** The transaction was rolled back: its rows named nothing new. */
  clear(): void {
    this.staleFiles.clear();
  }

  /**
   * Before rows are written: the stored-file paths that the rows about to be written stop naming (another path,
   * or none). After the commit, a path no row names any more is deleted, as the SDK's core does; a delete of a
   * row keeps its file (it does not write the column).
   */
  async noteReplaced(t: SyncTable, staged: string): Promise<void> {
    const target = qualified(t.schema, t.name);
    const on = t.key.map((k) => `t.${quote(k)} = s.${quote(k)}`).join(" AND ");
    const r = await this.conn.runAndReadAll(
      `SELECT DISTINCT t.${quote(FILE_PATH)} FROM ${target} t JOIN ${staged} s ON ${on} WHERE t.${quote(FILE_PATH)} IS NOT NULL AND t.${quote(FILE_PATH)} IS DISTINCT FROM s.${quote(FILE_PATH)}`,
    );
    const rows = r.getRows();
    if (!rows.length) return;
    let paths = this.staleFiles.get(t);
    if (!paths) this.staleFiles.set(t, (paths = new Set()));
    for (const [p] of rows) paths.add(String(p));
  }

  async removeStale(): Promise<void> {
    if (!this.staleFiles.size) return;
    const stale = [...this.staleFiles];
    this.staleFiles.clear();
    const storage = join(filesDir(this.projectDir), "storage");
    for (const [t, paths] of stale) {
      for (const path of paths) {
        const r = await this.conn.runAndReadAll(`SELECT 1 FROM ${qualified(t.schema, t.name)} WHERE ${quote(FILE_PATH)} = $1 LIMIT 1`, [path]);
        if (r.getRows().length) continue;
        const file = storedFile(storage, t.schema, t.source, path);
        if (!file) continue;
        try {
          // Security: removed through the project layer, so a link under files/storage cannot point the delete outside.
          const project = ConnectorProject.of(this.projectDir);
          project.remove(project.relative(file));
          removeEmptyFolders(dirname(file), filesDir(this.projectDir));
        } catch {
          // A file that cannot be removed stays: the sync's data is committed either way.
        }
      }
    }
  }
}

/**
 * Where the harness stored an upload (src/runner/harness/fivetran_connector_sdk/_files.py resolve()): each
 * component of schema, table and path is a folder, `..` and `.` escaped; undefined if it would leave `storage`.
 */
function storedFile(storage: string, schema: string, table: string, path: string): string | undefined {
  let out = storage;
  for (const raw of [schema, table, path]) {
    for (const part of raw.replaceAll("\\", "/").split("/")) {
      if (part) out = join(out, part === ".." ? "__dotdot__" : part === "." ? "__dot__" : part);
    }
  }
  const rel = relative(storage, out);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? out : undefined;
}

/** Removes `dir` and its parents while they are empty, up to (not including) `stop`. */
function removeEmptyFolders(dir: string, stop: string): void {
  for (let d = dir; d.startsWith(stop + sep) && d !== stop; d = dirname(d)) {
    if (readdirSync(d).length) return;
    rmdirSync(d);
  }
}
