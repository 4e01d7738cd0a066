import { DuckDBInstance } from "@duckdb/node-api";
import { execFileSync } from "node:child_process";
import { linkSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, type Answer, type Harness } from "./lib/issue-12b-server.js";
import { peakRssDuring } from "./lib/s5-q-limits.js";

const OUTSIDE_TEXT = "outside-secret-line-4242";

/** A connector folder whose files/warehouse.db is planted by the attacker: a table, and whatever views `views` make. */
async function plantWarehouse(h: Harness, name: string, views: (dir: string) => string[]): Promise<string> {
  const dir = h.connector(name, "from fivetran_connector_sdk import Connector\n\ndef update(configuration, state):\n    pass\n\nconnector = Connector(update=update)\n");
  mkdirSync(join(dir, "files"), { recursive: true });
  const db = await DuckDBInstance.create(join(dir, "files", "warehouse.db"));
  const conn = await db.connect();
  await conn.run("CREATE SCHEMA tester");
  await conn.run("CREATE TABLE tester.items (id INTEGER PRIMARY KEY, name VARCHAR)");
  await conn.run("INSERT INTO tester.items VALUES (1, 'a'), (2, 'b')");
  for (const v of views(dir)) await conn.run(v);
  conn.closeSync();
  db.closeSync();
  return dir;
}

/** The answer, or a marker when the call did not answer within `ms` (the hang the probe looks for). */
async function within(ms: number, p: Promise<Answer>): Promise<Answer | "no answer"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"no answer">((r) => (timer = setTimeout(() => r("no answer"), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe("Warehouse time, memory and temp-folder limits", () => {
  let h: Harness;
  let outside: string;
  let dir: string;

  beforeAll(async () => {
    h = await harness("rt-s5q-wh");
    outside = realpathSync(mkdtempSync(join(tmpdir(), "rt-s5q-outside-")));
    writeFileSync(join(outside, "c.csv"), `a\n${OUTSIDE_TEXT}\n`);
    dir = await plantWarehouse(h, "wh", () => []);
  }, 60_000);
  afterAll(async () => {
    await h.close();
    rmSync(outside, { recursive: true, force: true });
  });

  it("a hard link to an outside file planted in files/warehouse.db.tmp, read as FROM '<path>' → isError, no outside byte", async () => {
    mkdirSync(join(dir, "files", "warehouse.db.tmp"), { recursive: true });
    linkSync(join(outside, "c.csv"), join(dir, "files", "warehouse.db.tmp", "hard.csv"));
    const a = await h.call("query_warehouse", { project_dir: dir, sql: `SELECT * FROM '${join(dir, "files", "warehouse.db.tmp", "hard.csv")}'` });
    expect(a.isError).toBe(true);
    expect(a.text).not.toContain(OUTSIDE_TEXT);
  });

  it('SELECT * FROM "read_text"(…) (the function name quoted) → isError query_rejected, like read_text unquoted', async () => {
    const a = await h.call("query_warehouse", { project_dir: dir, sql: `SELECT * FROM "read_text"('${join(dir, "files", "warehouse.db.tmp", "hard.csv")}')` });
    expect(a.code).toBe("query_rejected");
    expect(a.text).toContain("read_text()");
    expect(a.text).not.toContain(OUTSIDE_TEXT);
  });

  it('SELECT * FROM "GLOB"(\'*\') and "Read_CSV"(…) (quoted, any case) → isError query_rejected', async () => {
    for (const sql of [`SELECT * FROM "GLOB"('${dir}/*')`, `SELECT * FROM "Read_CSV" ('${outside}/c.csv')`]) {
      const a = await h.call("query_warehouse", { project_dir: dir, sql });
      expect(a.code).toBe("query_rejected");
    }
  });

  it("a planted warehouse.db whose view reads a fifo in files/warehouse.db.tmp, 4 describe_warehouse and 4 query_warehouse at once → all answer, the fifo never opened, other folders served", async () => {
    const fifoDir = await plantWarehouse(h, "fifo", (d) => [`CREATE VIEW tester.fifo AS SELECT * FROM read_text('${join(d, "files", "warehouse.db.tmp", "f")}')`]);
    mkdirSync(join(fifoDir, "files", "warehouse.db.tmp"), { recursive: true });
    execFileSync("mkfifo", [join(fifoDir, "files", "warehouse.db.tmp", "f")]);
    // Four of each at once: the red team's four calls held every thread of the pool and all later queries waited.
    const calls = [
      ...Array.from({ length: 4 }, () => h.call("describe_warehouse", { project_dir: fifoDir })),
      ...Array.from({ length: 4 }, () => h.call("query_warehouse", { project_dir: fifoDir, sql: "SELECT * FROM fifo" })),
    ];
    const answers = await Promise.all(calls.map((c) => within(20_000, c)));
    expect(answers).not.toContain("no answer");
    for (const q of answers.slice(4)) expect((q as Answer).isError).toBe(true);
    // Other folders are still served.
    const other = await within(20_000, h.call("query_warehouse", { project_dir: dir, sql: "SELECT count(*) AS n FROM items" }));
    expect(other).not.toBe("no answer");
    expect((other as Answer).isError).toBe(false);
  }, 90_000);

  it("a planted view over range(100000000000) (a query that never ends) → describe_warehouse answers without running it", async () => {
    const slowDir = await plantWarehouse(h, "slow", () => ["CREATE VIEW tester.slow AS SELECT * FROM range(100000000000)"]);
    const d = await within(30_000, h.call("describe_warehouse", { project_dir: slowDir }));
    expect(d).not.toBe("no answer");
    const a = d as Answer;
    expect(a.isError).toBe(false);
    // The connector's tables are listed; the planted view is not a table run_debug wrote.
    expect(a.text).toContain("tester.items: 2 row(s)");
    expect(a.text).not.toContain("tester.slow");
  }, 60_000);

  it('"SELECT 1 " followed by 9,990 unclosed "/*" → isError query_rejected "nested more than 8 deep", before DuckDB\'s parser (quadratic on it: 9–18 s) sees it', async () => {
    const a = await h.call("query_warehouse", { project_dir: dir, sql: "SELECT 1 " + "/*".repeat(9990) });
    expect(a.code).toBe("query_rejected");
    expect(a.text).toContain("nested more than 8 deep");
  });

  it('"SELECT 1 /* " and 19,000 characters never closed → isError query_rejected "never closed"', async () => {
    const a = await h.call("query_warehouse", { project_dir: dir, sql: "SELECT 1 /* " + "x ".repeat(9500) });
    expect(a.code).toBe("query_rejected");
    expect(a.text).toContain("never closed");
  });

  it('"SELECT 1 " with 4,990 nested "/*" then 4,990 "*/" (closed, as deep) → isError query_rejected "nested more than 8 deep"', async () => {
    const a = await h.call("query_warehouse", { project_dir: dir, sql: "SELECT 1 " + "/*".repeat(4990) + "*/".repeat(4990) });
    expect(a.code).toBe("query_rejected");
    expect(a.text).toContain("nested more than 8 deep");
  });

  it('"SELECT 1 /* a /* nested */ comment */" → answered, one row', async () => {
    const a = await h.call("query_warehouse", { project_dir: dir, sql: "SELECT 1 AS one /* a /* nested */ comment */" });
    expect(a.isError).toBe(false);
    expect(a.data?.rows).toEqual([[1]]);
  });

  it("SELECT repeat('x', 16000000) FROM range(10000) with max_rows 10000 → isError query_failed 'would build more than', memory flat", async () => {
    const { value: a, growthMb } = await peakRssDuring(() => h.call("query_warehouse", { project_dir: dir, sql: "SELECT repeat('x', 16000000) AS s FROM range(10000)", max_rows: 10000 }));
    expect(a.code).toBe("query_failed");
    expect(a.text).toContain("would build more than");
    expect(growthMb).toBeLessThan(200);
  });

  it("SELECT range(2000000) AS l (one 2-million-item list) with max_rows 10 → isError query_failed naming range(), memory flat", async () => {
    const { value: a, growthMb } = await peakRssDuring(() => h.call("query_warehouse", { project_dir: dir, sql: "SELECT range(2000000) AS l", max_rows: 10 }));
    expect(a.code).toBe("query_failed");
    expect(a.text).toContain("range()");
    expect(growthMb).toBeLessThan(200);
  });

  it("SELECT repeat('x', 4000) FROM range(100000) with max_rows 10000 → truncated_by max_bytes after 249 rows, DuckDB stopped by a LIMIT, memory bounded", async () => {
    const { value: a, growthMb } = await peakRssDuring(() => h.call("query_warehouse", { project_dir: dir, sql: "SELECT repeat('x', 4000) AS s FROM range(100000)", max_rows: 10000 }));
    expect(a.isError).toBe(false);
    expect(a.data?.truncated_by).toBe("max_bytes");
    expect(a.data?.row_count).toBe(249);
    // Measured: 349 MB peak without the LIMIT (DuckDB computed the stream far ahead), 142 MB with it.
    expect(growthMb).toBeLessThan(200);
  });

  it("SELECT * FROM range(100000) ORDER BY range DESC with max_rows 3 (the LIMIT added around it) → the three largest, in order", async () => {
    const a = await h.call("query_warehouse", { project_dir: dir, sql: "SELECT * FROM range(100000) ORDER BY range DESC -- a trailing comment", max_rows: 3 });
    expect(a.data?.rows).toEqual([[99999], [99998], [99997]]);
  });

  it("SELECT 1 AS a, 2 AS a (duplicate names a subquery would rename) → the columns as written", async () => {
    const a = await h.call("query_warehouse", { project_dir: dir, sql: "SELECT 1 AS a, 2 AS a;" });
    expect((a.data?.columns as { name: string }[]).map((c) => c.name)).toEqual(["a", "a"]);
  });

  it("a table cell of 3 MB (larger than max_bytes) → truncated_by max_bytes with 0 rows, memory bounded", async () => {
    const big = await plantWarehouse(h, "bigcell", () => ["CREATE TABLE tester.blob AS SELECT 1 AS id, system.main.repeat('y', 3000000) AS body"]);
    const { value: a, growthMb } = await peakRssDuring(() => h.call("query_warehouse", { project_dir: big, sql: "SELECT * FROM blob" }));
    expect(a.isError).toBe(false);
    expect(a.data?.truncated_by).toBe("max_bytes");
    expect(a.data?.row_count).toBe(0);
    expect(growthMb).toBeLessThan(200);
  });
});
