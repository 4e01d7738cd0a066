import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { beforeAll, describe, expect, it } from "vitest";
import { registerTool } from "../../src/mcp/register.js";
import { describeWarehouse } from "../../src/warehouse/inspect.js";
import { queryWarehouse } from "../../src/warehouse/query.js";
import type { ChannelRecord } from "../../src/protocol.js";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { describeWarehouseTool } from "../../tools/describe_warehouse.js";
import { queryWarehouseTool } from "../../tools/query_warehouse.js";
import { tempProject } from "./helpers.js";

let dir: string;

const SCHEMA_RECORD: ChannelRecord = { t: "schema", tables: [{ table: "orders", primary_key: ["id"], columns: { id: { type: "LONG" }, amount: { type: "DECIMAL", precision: 10, scale: 2 } } }] };

beforeAll(async () => {
  dir = tempProject("whq-");
  const w = await WarehouseWriter.open(dir);
  await w.apply(structuredClone(SCHEMA_RECORD));
  for (let i = 1; i <= 300; i++) await w.apply({ t: "upsert", table: "orders", data: { id: i, amount: `${i}.50`, note: "x".repeat(50), raw: { $ft: "bytes", v: "AAE=" } } });
  await w.apply({ t: "delete", table: "orders", data: { id: 1 } });
  await w.apply({ t: "upsert", table: "events", data: { kind: "a", big: "9007199254740993" } });
  await w.checkpoint(JSON.stringify({ cursor: "c1" }));
  await w.close();
});

describe("query_warehouse engine", () => {
  it("resolves unqualified names to the connector's schema and returns JSON-safe values", async () => {
    const r = await queryWarehouse(dir, "SELECT id, amount, raw, _fivetran_deleted FROM orders ORDER BY id LIMIT 2");
    expect(r.columns).toEqual([
      { name: "id", type: "BIGINT" },
      { name: "amount", type: "DECIMAL(10,2)" },
      { name: "raw", type: "BLOB" },
      { name: "_fivetran_deleted", type: "BOOLEAN" },
    ]);
    expect(r.rows).toEqual([
      [1, "1.50", "\\x00\\x01", true],
      [2, "2.50", "\\x00\\x01", false],
    ]);
    expect(r.truncated).toBe(false);
    JSON.stringify(r);
  });

  it("a camelCase column name of the source → query_failed whose hint says the warehouse names are snake_case", async () => {
    await expect(queryWarehouse(dir, "SELECT updatedAt FROM orders")).rejects.toMatchObject({ code: "query_failed", hint: expect.stringMatching(/camelCase → snake_case/) });
  });

  it("caps rows and bytes", async () => {
    const byRows = await queryWarehouse(dir, "SELECT * FROM orders", { maxRows: 10 });
    expect(byRows).toMatchObject({ row_count: 10, truncated: true, truncated_by: "max_rows" });
    const byBytes = await queryWarehouse(dir, "SELECT note FROM orders", { maxRows: 1000, maxBytes: 2000 });
    expect(byBytes.truncated_by).toBe("max_bytes");
    expect(byBytes.row_count).toBeLessThan(40);
  });

  it("interrupts a query that runs past the time limit", async () => {
    const t0 = Date.now();
    await expect(queryWarehouse(dir, "SELECT count(*) FROM range(100000000000) a, range(1000) b WHERE a.range % 7 = b.range", { timeoutMs: 300 })).rejects.toMatchObject({ code: "timeout" });
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  // Every input the lock-down refuses (the table in docs/warehouse.md).
  const rejected: [string, string, RegExp][] = [
    ["two statements", "SELECT 1; SELECT 2", /one statement/],
    ["ATTACH", "ATTACH '/tmp/x.db' AS x", /read-only/],
    ["DETACH", "DETACH x", /read-only/],
    ["COPY", "COPY orders TO '/tmp/out.csv'", /read-only/],
    ["EXPORT", "EXPORT DATABASE '/tmp/x'", /read-only/],
    ["IMPORT", "IMPORT DATABASE '/tmp/x'", /read-only/],
    ["INSTALL", "INSTALL httpfs", /read-only/],
    ["LOAD", "LOAD httpfs", /read-only/],
    ["PRAGMA", "PRAGMA enable_external_access", /read-only/],
    ["SET", "SET enable_external_access = true", /read-only/],
    ["RESET", "RESET lock_configuration", /read-only/],
    ["CALL", "CALL pragma_version()", /read-only/],
    ["INSERT", "INSERT INTO orders (id) VALUES (999)", /read-only/],
    ["DROP", "DROP TABLE orders", /read-only/],
    ["CREATE", "CREATE TABLE x AS SELECT 1", /read-only/],
    ["read_csv", "SELECT * FROM read_csv('/etc/passwd')", /read_csv/],
    ["read_parquet", "SELECT * FROM read_parquet('x.parquet')", /read_parquet/],
    ["read_json", "SELECT * FROM read_json_auto('x.json')", /read_json_auto/],
    ["read_text", "SELECT * FROM read_text('/etc/hostname')", /read_text/],
    ["glob", "SELECT * FROM glob('/etc/*')", /glob/],
    ["getenv", "SELECT getenv('HOME')", /getenv/],
    ["hidden in a comment split", "SELECT 1 /* ; */ ; DROP TABLE orders", /one statement/],
    ["empty", "  -- nothing\n", /empty/],
  ];
  for (const [label, sql, message] of rejected) {
    it(`rejects ${label}`, async () => {
      await expect(queryWarehouse(dir, sql)).rejects.toMatchObject({ code: "query_rejected", message: expect.stringMatching(message) });
    });
  }

  it("lets DuckDB refuse a file used as a table (external access is off)", async () => {
    await expect(queryWarehouse(dir, "SELECT * FROM '/etc/passwd'")).rejects.toMatchObject({ code: "query_failed" });
  });

  it("says to run run_debug first when there is no warehouse", async () => {
    await expect(queryWarehouse(tempProject(), "SELECT 1")).rejects.toMatchObject({ code: "not_found", hint: expect.stringMatching(/run_debug/) });
  });

  it("answers from committed data while a sync in this process holds the writer", async () => {
    const w = await WarehouseWriter.open(dir);
    await w.apply(structuredClone(SCHEMA_RECORD));
    await w.apply({ t: "upsert", table: "orders", data: { id: 5000, amount: "1" } });
    await w.checkpoint(JSON.stringify({ cursor: "c2" }));
    await w.apply({ t: "upsert", table: "orders", data: { id: 5001, amount: "1" } }); // not committed
    const r = await queryWarehouse(dir, "SELECT count(*) AS n FROM orders WHERE id >= 5000");
    expect(r.rows).toEqual([[1]]);
    // A reader borrowing the writer's instance still cannot write or change settings.
    await expect(queryWarehouse(dir, "DELETE FROM orders")).rejects.toMatchObject({ code: "query_rejected" });
    const d = await describeWarehouse(dir);
    expect(d.state).toEqual({ cursor: "c2" });
    await w.rollback();
    await w.close();
    const w2 = await WarehouseWriter.open(dir);
    await w2.apply(structuredClone(SCHEMA_RECORD));
    await w2.apply({ t: "delete", table: "orders", data: { id: 5000 } });
    await w2.checkpoint(JSON.stringify({ cursor: "c1" }));
    await w2.close();
  });
});

describe("describe_warehouse engine", () => {
  it("lists tables, columns, keys, row and deleted counts, and the state", async () => {
    const d = await describeWarehouse(dir);
    const orders = d.tables.find((t) => t.name === "orders")!;
    expect(orders.primary_key).toEqual(["id"]);
    expect(orders.columns.slice(0, 2)).toEqual([
      { name: "id", type: "BIGINT", primary_key: true },
      { name: "amount", type: "DECIMAL(10,2)", primary_key: false },
    ]);
    expect(orders.rows).toBe(301);
    expect(orders.deleted_rows).toBe(2);
    const events = d.tables.find((t) => t.name === "events")!;
    expect(events.primary_key).toEqual(["_fivetran_id"]);
    expect(d.state).toEqual({ cursor: "c1" });
  });
});

describe("the tools through the MCP SDK Client", () => {
  async function client() {
    const server = new McpServer({ name: "t", version: "0" }, { capabilities: { logging: {} } });
    const ws = new Workspace({ roots: [dir], enforce: true });
    registerTool(server, queryWarehouseTool, ws);
    registerTool(server, describeWarehouseTool, ws);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const c = new Client({ name: "c", version: "0" });
    await c.connect(b);
    return c;
  }

  it("query_warehouse returns structuredContent that matches its output schema", async () => {
    const c = await client();
    const res = await c.callTool({ name: "query_warehouse", arguments: { project_dir: dir, sql: "SELECT big FROM events", max_rows: "5" } });
    expect(res.isError).toBeFalsy();
    // 2^53 + 1 fits a BIGINT but not a JS number: it comes back as exact text.
    expect(res.structuredContent).toEqual({ columns: [{ name: "big", type: "BIGINT" }], rows: [["9007199254740993"]], row_count: 1, truncated: false });
    const text = (res.content as { text: string }[])[0].text;
    expect(JSON.parse(text)).toEqual(res.structuredContent);
  });

  it("query_warehouse maps a rejected query to isError with a hint", async () => {
    const c = await client();
    const res = await c.callTool({ name: "query_warehouse", arguments: { project_dir: dir, sql: "ATTACH 'x.db'" } });
    expect(res.isError).toBe(true);
    expect((res.content as { text: string }[])[0].text).toMatch(/query_rejected[\s\S]*Next: /);
  });

  it("describe_warehouse returns tables and state", async () => {
    const c = await client();
    const res = await c.callTool({ name: "describe_warehouse", arguments: { project_dir: dir } });
    expect(res.isError).toBeFalsy();
    const data = res.structuredContent as { tables: { name: string }[]; state: unknown };
    expect(data.tables.map((t) => t.name).sort()).toEqual(["events", "orders"]);
    expect(data.state).toEqual({ cursor: "c1" });
  });
});
