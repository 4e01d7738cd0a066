import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function tempProject(prefix = "wh-"): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** Reads a warehouse file with a separate read-only instance (the writer must be closed). */
export async function dump(projectDir: string, sql: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(join(projectDir, "files", "warehouse.db"), { access_mode: "READ_ONLY" });
  try {
    const conn = await inst.connect();
    await conn.run("SET TimeZone = 'UTC'");
    const r = await conn.runAndReadAll(sql);
    const rows = r.getRowObjectsJson() as Record<string, unknown>[];
    conn.closeSync();
    return rows;
  } finally {
    inst.closeSync();
  }
}

export async function columnsOf(projectDir: string, table: string): Promise<string[]> {
  const rows = await dump(
    projectDir,
    `SELECT column_name || ' ' || data_type AS c FROM information_schema.columns WHERE table_schema = 'tester' AND table_name = '${table}' ORDER BY ordinal_position`,
  );
  return rows.map((r) => String(r.c));
}
