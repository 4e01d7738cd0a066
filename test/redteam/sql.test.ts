import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, plantServerSecrets, SECRETS, type Answer, type Harness } from "./lib/issue-12b-server.js";

const SIMPLE = `from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    for i in range(3):
        op.upsert("items", {"id": i, "name": "n%d" % i})
    op.checkpoint({"cursor": 3})

connector = Connector(update=update)
`;

describe("The SQL sandbox of query_warehouse", () => {
  let h: Harness;
  let dir: string;
  const q = (sql: string, extra: Record<string, unknown> = {}): Promise<Answer> => h.call("query_warehouse", { project_dir: dir, sql, ...extra });

  beforeAll(async () => {
    plantServerSecrets();
    h = await harness("rt12b-sql");
    dir = h.connector("wh", SIMPLE);
    const r = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 });
    expect(r.isError).toBe(false);
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  const refusedFast = async (sql: string, code: "query_failed" | "query_rejected", words: string) => {
    const started = Date.now();
    const a = await q(sql);
    expect(a.isError).toBe(true);
    expect(a.code).toBe(code);
    expect(a.text).toContain(words);
    // Refused before DuckDB allocates: far under the 10 s query limit (the unguarded call ran 14 s and took 4 GB).
    expect(Date.now() - started).toBeLessThan(8_000);
  };

  it("SELECT repeat('x', 2000000000) → isError query_failed 'would build more than 4096', before DuckDB allocates", async () => {
    await refusedFast("SELECT repeat('x', 2000000000)", "query_failed", "would build more than 4096");
  });

  it("repeat of a 10 MB string 1000 times (each count small, the product huge) → isError query_failed", async () => {
    await refusedFast("SELECT repeat(repeat('x', 10000000), 1000)", "query_failed", "repeat()");
  });

  it("SELECT lpad('x', 2000000000, 'y') → isError query_failed naming lpad()", async () => {
    await refusedFast("SELECT lpad('x', 2000000000, 'y')", "query_failed", "lpad()");
  });

  it("SELECT rpad('x', 2000000000, 'y') → isError query_failed naming rpad()", async () => {
    await refusedFast("SELECT rpad('x', 2000000000, 'y')", "query_failed", "rpad()");
  });

  it("SELECT range(2000000000) as a scalar list → isError query_failed naming range()", async () => {
    await refusedFast("SELECT range(2000000000)", "query_failed", "range()");
  });

  it("SELECT generate_series(0, 2000000000) as a scalar list → isError query_failed", async () => {
    await refusedFast("SELECT generate_series(0, 2000000000)", "query_failed", "generate_series()");
  });

  it("SELECT list_resize([1], 2000000000) → isError query_failed", async () => {
    await refusedFast("SELECT list_resize([1], 2000000000)", "query_failed", "list_resize()");
  });

  it("SELECT printf('%2000000000d', 1) (a huge width) → isError query_failed naming printf(), before DuckDB allocates", async () => {
    await refusedFast("SELECT printf('%2000000000d', 1)", "query_failed", "printf()");
  });

  it("SELECT printf('%.2000000000f', 1.5) (a huge precision) → isError query_failed naming printf()", async () => {
    await refusedFast("SELECT printf('%.2000000000f', 1.5)", "query_failed", "printf()");
  });

  it("SELECT printf('%*d', 2000000000, 1) (the width as an argument) → isError query_failed naming printf()", async () => {
    await refusedFast("SELECT printf('%*d', 2000000000, 1)", "query_failed", "printf()");
  });

  it("SELECT format('{:>2000000000}', 'x') → isError query_failed naming format()", async () => {
    await refusedFast("SELECT format('{:>2000000000}', 'x')", "query_failed", "format()");
  });

  it("SELECT format('{:>{}}', 'x', 2000000000) (a nested width) → isError query_failed naming format()", async () => {
    await refusedFast("SELECT format('{:>{}}', 'x', 2000000000)", "query_failed", "format()");
  });

  it("printf and format with small widths over a table (the guard's own overloads) → the formatted rows", async () => {
    const a = await q("SELECT printf('%3d|%.2f|%s', id, 1.5, name) AS p, format('{:>4}|{}', id, name) AS f FROM items ORDER BY id");
    expect(a.isError).toBe(false);
    expect(a.text).toContain("  0|1.50|n0");
    expect(a.text).toContain("   2|n2");
  });

  it("system.main.repeat('x', 2000000000) (calling past the guard by catalog) → isError query_rejected", async () => {
    await refusedFast("SELECT system.main.repeat('x', 2000000000)", "query_rejected", "system or temp catalog");
  });

  it('"system"."main"."repeat"(…) with quoted names → isError query_rejected', async () => {
    await refusedFast(`SELECT "system"."main"."repeat"('x', 2000000000)`, "query_rejected", "system or temp catalog");
  });

  it("temp.main.repeat(…) → isError query_rejected", async () => {
    await refusedFast("SELECT temp.main.repeat('x', 5)", "query_rejected", "system or temp catalog");
  });

  it("CREATE MACRO repeat(…) to replace the guard → isError query_rejected (read-only statements only)", async () => {
    await refusedFast("CREATE OR REPLACE TEMP MACRO repeat(s, n) AS s", "query_rejected", "read-only");
  });

  it("string_agg over 300 million rows (an aggregate growing one string) → isError query_failed: DuckDB's memory limit stops it", async () => {
    const a = await q("SELECT length(string_agg('xxxxxxxxxx', '')) FROM range(300000000)");
    expect(a.isError).toBe(true);
    expect(["query_failed", "timeout"]).toContain(a.code);
  }, 60_000);

  it("a recursive CTE doubling a string 40 times → stopped by the query time limit (isError timeout) or the memory limit", async () => {
    const a = await q("WITH RECURSIVE r(s, i) AS (SELECT 'x', 0 UNION ALL SELECT s || s, i + 1 FROM r WHERE i < 40) SELECT max(length(s)) FROM r");
    expect(a.isError).toBe(true);
    expect(["query_failed", "timeout"]).toContain(a.code);
  }, 60_000);

  it("SELECT getenv('FIVETRAN_API_KEY') → isError query_rejected, no key", async () => {
    const a = await q("SELECT getenv('FIVETRAN_API_KEY')");
    expect(a.code).toBe("query_rejected");
    expect(a.text).not.toContain(SECRETS.FIVETRAN_API_KEY);
  });

  it("SELECT * FROM read_text('/proc/self/environ') → isError query_rejected, no environment", async () => {
    const a = await q("SELECT * FROM read_text('/proc/self/environ')");
    expect(a.code).toBe("query_rejected");
    expect(a.text).not.toContain("PATH=");
  });

  it("SELECT * FROM '/etc/passwd' (a file path as a table) → isError query_failed, no file content", async () => {
    const a = await q("SELECT * FROM '/etc/passwd'");
    expect(a.isError).toBe(true);
    expect(a.text).not.toContain("root:");
  });

  it("ATTACH '/tmp/x.db' → isError query_rejected", async () => {
    await refusedFast("ATTACH '/tmp/x.db' AS x", "query_rejected", "read-only");
  });

  it("SET memory_limit = '100GB' → isError query_rejected", async () => {
    await refusedFast("SET memory_limit = '100GB'", "query_rejected", "read-only");
  });

  it("INSTALL httpfs; LOAD httpfs → isError query_rejected", async () => {
    await refusedFast("INSTALL httpfs", "query_rejected", "read-only");
  });

  it("COPY items TO '/tmp/out.csv' → isError query_rejected, no file written", async () => {
    await refusedFast("COPY items TO '/tmp/rt12b-out.csv'", "query_rejected", "read-only");
  });

  it("a legitimate repeat('ab', 3), range(3) and FROM range(5) → answered as before (the guard passes small calls through)", async () => {
    const a = await q("SELECT repeat('ab', 3) AS r, len(range(3)) AS n, (SELECT count(*) FROM range(5)) AS c, lpad('7', 3, '0') AS p");
    expect(a.isError).toBe(false);
    expect(a.text).toContain("ababab");
    expect(a.text).toContain("007");
  });

  it("the connector's own rows → readable after all of the above", async () => {
    const a = await q("SELECT count(*) AS n FROM items");
    expect(a.isError).toBe(false);
    expect((a.data as { rows: unknown[][] }).rows[0][0]).toBe(3);
  });
});
