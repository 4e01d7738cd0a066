import { DuckDBInstance } from "@duckdb/node-api";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataFindings, rowsWrittenAfter, snapshotWarehouse } from "../../src/evaluate/data.js";
import type { EvaluationReport } from "../../src/evaluate/index.js";
import { renderMarkdown } from "../../src/evaluate/markdown.js";
import { makeProject } from "./helpers.js";

/** A real DuckDB file laid out as `fivetran debug` leaves it (docs/warehouse.md). */
async function makeWarehouse(dir: string, sql: string[]): Promise<string> {
  mkdirSync(join(dir, "files"), { recursive: true });
  const db = join(dir, "files", "warehouse.db");
  const inst = await DuckDBInstance.create(db);
  const conn = await inst.connect();
  await conn.run("CREATE SCHEMA IF NOT EXISTS tester");
  for (const s of sql) await conn.run(s);
  conn.closeSync();
  inst.closeSync();
  return db;
}

describe("warehouse data checks (real DuckDB)", () => {
  it("snapshots tables, keys, deletes and always-null columns; flags type drift between runs", async () => {
    const dir = makeProject();
    const db = await makeWarehouse(dir, [
      "CREATE TABLE tester.orders (id BIGINT PRIMARY KEY, amount BIGINT, note VARCHAR, _fivetran_deleted BOOLEAN, _fivetran_synced TIMESTAMPTZ)",
      "INSERT INTO tester.orders VALUES (1, 10, NULL, false, '2024-01-01 00:00:01+00'), (2, 20, NULL, true, '2024-01-01 00:00:02+00'), (3, 30, NULL, false, '2024-01-01 00:00:05+00')",
      "CREATE TABLE tester.events (_fivetran_id VARCHAR PRIMARY KEY, kind VARCHAR, _fivetran_deleted BOOLEAN, _fivetran_synced TIMESTAMPTZ)",
      "INSERT INTO tester.events VALUES ('a', 'x', false, '2024-01-01 00:00:01+00')",
    ]);
    const snap = await snapshotWarehouse(db);
    const orders = snap.find((t) => t.table === "orders")!;
    expect(orders).toMatchObject({ rows: 3, deleted: 1, primaryKey: ["id"], alwaysNull: ["note"], duplicateKeys: 0, nullKeys: 0 });
    expect(orders.columns.map((c) => `${c.name}:${c.type}`)).toContain("amount:BIGINT");
    expect(orders.lastSynced).toContain("2024-01-01 00:00:05");

    const f = dataFindings(snap);
    expect(f.find((x) => x.rule === "data:primary_key_declared")?.table).toBe("events");
    expect(f.find((x) => x.rule === "data:always_null")?.message).toContain("note");
    expect(f.find((x) => x.rule === "data:soft_deleted")?.message).toContain("1 of 3");

    // The same table one run later, its amount widened to VARCHAR by a string value.
    const drifted = snap.map((t) => (t.table === "orders" ? { ...t, columns: t.columns.map((c) => (c.name === "amount" ? { ...c, type: "VARCHAR" } : c)) } : t));
    const drift = dataFindings(drifted, snap).filter((x) => x.rule === "data:type_drift");
    expect(drift).toHaveLength(1);
    expect(drift[0].message).toBe("Column orders.amount changed type between runs: BIGINT → VARCHAR.");

    // Rows written after a checkpoint taken at 00:00:03.
    expect(await rowsWrittenAfter(db, new Date("2024-01-01T00:00:03Z"))).toEqual({ orders: 1 });
  });

  it("has nothing to say about a missing warehouse", async () => {
    const dir = makeProject();
    expect(await snapshotWarehouse(join(dir, "files", "warehouse.db"))).toEqual([]);
  });
});

describe("report markdown", () => {
  it("puts blocking items first with their check and fix", () => {
    const r: EvaluationReport = {
      project: "/p",
      generatedAt: "2024-01-01T00:00:00.000Z",
      verdict: "not_ready",
      score: 75,
      blocking: [{ severity: "error", rule: "resume:checkpoints", message: "never checkpoints", hint: "call op.checkpoint" }],
      warnings: [{ severity: "warning", rule: "FT062", file: "requirements.txt", line: 2, message: "unpinned", hint: "pin it" }],
      info: [],
      lint: { available: true, errors: 0, warnings: 1, infos: 0 },
      runs: [
        {
          status: "succeeded",
          capped: false,
          engine: "embedded",
          durationMs: 1200,
          counts: { upserts: 3, updates: 0, deletes: 0, truncates: 0, schemaChanges: 1, checkpoints: 0, fileUploads: 0 },
          rowsPerTable: { t: 3 },
          peakRssMb: 30,
        },
      ],
      tables: [],
      memory: { peakRssMb: 30, limitMb: 1024, note: "complete" },
      stateBackup: null,
    };
    const md = renderMarkdown(r);
    expect(md.indexOf("## Blocking")).toBeLessThan(md.indexOf("## Warnings"));
    expect(md).toContain("- **resume:checkpoints**: never checkpoints\n  - Fix: call op.checkpoint");
    expect(md).toContain("**FT062** (requirements.txt:2)");
    expect(md).toContain("Score 75/100");
  });
});
