import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";
import { runSync } from "../../src/runner/index.js";
import type { RunResult } from "../../src/runner/types.js";
import { allCombinations, comboLabel, comboOptions, OPERATION_STYLES, renderConnector, resolveOptions, scaffoldProject, type ScaffoldOptions, type TableSpec } from "../../src/scaffold/index.js";
import { ensureBuilt } from "../helpers/built.js";
import { REPO_ROOT } from "../helpers/env.js";
import { BASE, changedCount, ENDPOINTS, shopRows, startShopApi, type ShopApi } from "../mock-api/shop.js";

/**
 * Per-table scaffold settings, proven end to end: scaffold → lint → run (real python3, the embedded engine, a real
 * DuckDB file) → query the warehouse → a second, incremental run. The REST source is test/mock-api/shop.ts, a
 * loopback mock standing in for a real API (none is reachable here): no record has an `id`, keys are named
 * order_no, customer_no, region + sku, stream + seq, and each endpoint takes only its own pagination parameters and
 * page sizes up to its own limit (HTTP 400 otherwise). One connector holds a table of every REST pagination style,
 * driven through the MCP SDK Client against the built server (dist/) over stdio; the database and sample sources
 * and the refusals call the engine directly.
 */
const root = realpathSync(mkdtempSync(join(tmpdir(), "scaffold-per-table-")));
let shop: ShopApi;

beforeAll(async () => {
  ensureBuilt();
  shop = await startShopApi();
}, 180_000);

afterAll(async () => {
  await shop?.close();
});

/** A table of each REST pagination style; the page sizes are under each endpoint's limit and small, so every style pages. */
const REST_TABLES: TableSpec[] = [
  { name: "orders", primary_key: ["order_no"], pagination: "cursor", page_size: 4 },
  { name: "stock", primary_key: ["region", "sku"], pagination: "page_number", page_size: 3 },
  { name: "customers", primary_key: ["customer_no"], pagination: "offset", page_size: 3 },
  { name: "notes", parent: "customers", parent_key: "customer_ref", primary_key: ["customer_ref", "note_no"], path: "customers/{parent_id}/notes", pagination: "link_header", page_size: 1 },
  { name: "invoices", primary_key: ["invoice_no"], pagination: "keyset_timestamp", page_size: 3 },
  { name: "events", primary_key: ["stream", "seq"], pagination: "next_url", page_size: 3, cursor_field: "modified_at" },
  { name: "regions", primary_key: ["code"], pagination: "none" },
];

const TOP_LEVEL = ENDPOINTS.filter((e) => !e.parent).map((e) => e.table);
const noteCount = (version: number) => shopRows("customers", version).reduce((n, c) => n + (c.customer_no === 1001 ? 2 + version : 2), 0);

function expectedFirstRun(version: number): Record<string, number> {
  return Object.fromEntries([...TOP_LEVEL.map((t) => [t, shopRows(t, version).length] as const), ["notes", noteCount(version)] as const]);
}

type Answer = { isError: boolean; data: Record<string, unknown>; text: string };

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Answer> {
  const res = await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 });
  const text = ((res.content ?? []) as { text?: string }[]).map((c) => c.text ?? "").join("\n");
  return { isError: Boolean(res.isError), data: (res.structuredContent ?? {}) as Record<string, unknown>, text };
}

async function sql(client: Client, dir: string, query: string): Promise<unknown[][]> {
  const r = await call(client, "query_warehouse", { project_dir: dir, sql: query });
  expect(r.isError, r.text).toBe(false);
  return r.data.rows as unknown[][];
}

describe("scaffold with per-table settings, through the built server", () => {
  it("syncs a table of every REST pagination style with its own key, page size and cursor field, then incrementally", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(REPO_ROOT, "dist", "src", "cli.js"), "--workspace", root],
      stderr: "pipe",
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DO_NOT_TRACK: "1" },
    });
    const client = new Client({ name: "per-table", version: "0" });
    await client.connect(transport);
    try {
      const dir = join(root, "shop");
      const made = await call(client, "scaffold", { project_dir: dir, source_type: "rest_api", pagination: "page_number", base_url: shop.baseUrl(0), tables: REST_TABLES });
      expect(made.isError, made.text).toBe(false);
      expect(made.text).toContain("(none, none+page_number+offset+cursor+link_header+next_url+keyset_timestamp, incremental_cursor)");
      const pattern = made.data.pattern as { tables: Record<string, unknown>[] };
      expect(pattern.tables.find((t) => t.name === "stock")).toEqual({ name: "stock", primary_key: ["region", "sku"], pagination: "page_number", page_size: 3, cursor_field: "updated_at" });
      expect(pattern.tables.find((t) => t.name === "notes")).toMatchObject({ parent: "customers", parent_key: "customer_ref", pagination: "link_header", page_size: 1 });

      const py = readFileSync(join(dir, "connector.py"), "utf8");
      // One settings entry per table, no setting shared by every table, the keys read by their names.
      expect(py).not.toMatch(/ID_FIELD|CURSOR_FIELD|PAGE_SIZE|\["id"\]/);
      expect(py).toContain('{"table": "stock", "primary_key": ["region", "sku"]},');
      expect(py).toContain('{"table": "notes", "primary_key": ["customer_ref", "note_no"]},');
      const entry = (table: string) => new RegExp(`\\{\\n\\s+"name": "${table}",\\n[\\s\\S]*?\\n    \\},`).exec(py)?.[0] ?? "";
      expect(entry("notes")).toContain('"parent_key": "customer_ref",\n        "pagination": "link_header",\n        "page_size": 1,');
      expect(entry("events")).toContain('"cursor_field": "modified_at",');
      expect(entry("orders")).toContain('"page_size": 4,');

      const lintResult = await call(client, "lint_connector", { project_dir: dir });
      const findings = (lintResult.data.findings as { rule: string; severity: string; message: string }[]).filter((f) => f.severity !== "info");
      expect(findings).toEqual([]);

      const first = await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
      expect(first.data.status, first.text).toBe("succeeded");
      expect(first.data.rows_per_table).toEqual(expectedFirstRun(0));
      expect(shop.requests.filter((r) => r.status !== 200)).toEqual([]);

      // The rows are keyed as asked: composite keys keep every row, the child's key column is named as given.
      expect(await sql(client, dir, "SELECT count(*), count(DISTINCT sku), count(DISTINCT (region, sku)) FROM stock")).toEqual([[BASE, Math.ceil(BASE / 2), BASE]]);
      expect(await sql(client, dir, "SELECT count(*), count(DISTINCT (stream, seq)) FROM events")).toEqual([[BASE, BASE]]);
      expect(await sql(client, dir, "SELECT customer_ref, note_no FROM notes WHERE customer_ref = 1003 ORDER BY note_no")).toEqual([
        [1003, 1],
        [1003, 2],
      ]);
      const columns = await call(client, "query_warehouse", { project_dir: dir, sql: "SELECT * FROM orders LIMIT 1" });
      expect((columns.data.columns as { name: string }[]).map((c) => c.name)).toEqual(expect.arrayContaining(["order_no", "name", "updated_at"]));
      expect((columns.data.columns as { name: string }[]).map((c) => c.name)).not.toContain("id");

      // Each endpoint was asked with its own parameters: cursor+limit, page+per_page, offset+limit, keyset.
      const asked = (path: string) => shop.requests.filter((r) => r.url.startsWith(`/v0/${path}?`) || r.url === `/v0/${path}`).map((r) => new URL(r.url, shop.url).searchParams);
      expect(asked("orders").every((q) => q.get("limit") === "4")).toBe(true);
      expect(asked("orders").some((q) => q.has("cursor"))).toBe(true);
      expect(asked("stock").map((q) => q.get("page"))).toEqual(["1", "2", "3"]);
      expect(asked("customers").map((q) => q.get("offset"))).toEqual(["0", "3", "6"]);
      expect(asked("invoices").some((q) => q.has("after_id"))).toBe(true);
      expect(asked("regions").every((q) => [...q.keys()].length === 0)).toBe(true);

      // The second run reads version 1 from the saved cursors: only the new and changed rows.
      const config = JSON.parse(readFileSync(join(dir, "configuration.json"), "utf8")) as Record<string, string>;
      writeFileSync(join(dir, "configuration.json"), JSON.stringify({ ...config, base_url: shop.baseUrl(1) }));
      const second = await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
      expect(second.data.status, second.text).toBe("succeeded");
      const written = second.data.written_per_table as Record<string, { upserts: number }>;
      const want = Object.fromEntries([...TOP_LEVEL, "notes"].map((t) => [t, changedCount(t, 1)]));
      expect(Object.fromEntries(Object.entries(written).map(([t, w]) => [t, w.upserts]))).toEqual(want);
      expect(second.data.rows_per_table).toEqual(expectedFirstRun(1));
      expect(await sql(client, dir, "SELECT name FROM stock WHERE region = 'eu' AND sku = 'sku-1'")).toEqual([["stock 2 (changed in v1)"]]);
      expect(await sql(client, dir, "SELECT name FROM notes WHERE customer_ref = 1002 AND note_no = 1")).toEqual([["note 1 of 1002 (changed in v1)"]]);
      const state = second.data.state as Record<string, string>;
      expect(state.events_cursor).toBe(shopRows("events", 1).at(-1)?.modified_at);
      // Incremental: each request of the second run carried the saved cursor or continued a page that did. The one
      // exception is by design: a table with children (customers) re-reads its rows, since a child can change alone.
      const v1 = shop.requests.filter((r) => r.url.startsWith("/v1/"));
      expect(v1.filter((r) => r.status !== 200)).toEqual([]);
      expect(v1.filter((r) => !r.url.startsWith("/v1/customers?") && !/updated_since=|cursor=|page=[2-9]|updated_after=/.test(r.url))).toEqual([]);
    } finally {
      await client.close();
    }
  }, 120_000);
});

function describeFailure(r: RunResult): string {
  return `${r.status} ${r.error?.kind ?? ""} ${r.error?.message ?? ""}\n${r.logTail.slice(-6).join("\n")}`;
}

async function lintClean(dir: string): Promise<string[]> {
  const r = await lint(dir);
  return r.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line} ${f.message}`);
}

describe("per-table settings through the engine", () => {
  it("one page size for every table fails at the strict endpoint with the API's message", async () => {
    const dir = join(root, "one-size");
    const tables = REST_TABLES.map((t) => (t.name === "orders" ? { ...t, page_size: undefined } : t));
    scaffoldProject(dir, { source_type: "rest_api", page_size: 100, tables });
    const r = await runSync({ projectDir: dir, configuration: { base_url: shop.baseUrl(0) }, engine: "embedded", timeoutSeconds: 60 });
    expect(r.status).toBe("failed");
    expect(`${r.error?.message}`).toMatch(/HTTP 400: .*orders: limit must be a whole number from 1 to 50, got '100'/);
  }, 60_000);

  it("next_url: a full page without the NEXT_URL_KEY field says so in the log instead of stopping silently", async () => {
    // A new user's connector for fivetran-api-playground read 50 of 200 rows and succeeded: its API names the field
    // next_page_url, and NEXT_URL_KEY was left at the scaffold's next_url. Here the code expects another name.
    const dir = join(root, "next-url-key");
    scaffoldProject(dir, { source_type: "rest_api", tables: [REST_TABLES.find((t) => t.name === "events")!] });
    const code = readFileSync(join(dir, "connector.py"), "utf8");
    writeFileSync(join(dir, "connector.py"), code.replace('NEXT_URL_KEY = "next_url"', 'NEXT_URL_KEY = "next_page_url"'));
    expect(await lintClean(dir)).toEqual([]);
    const r = await runSync({ projectDir: dir, configuration: { base_url: shop.baseUrl(0) }, engine: "embedded", timeoutSeconds: 60, reset: true });
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable.events).toBe(3);
    expect(r.logTail.join("\n")).toMatch(/WARNING .*no 'next_page_url' field .*NEXT_URL_KEY/);
    // The adapted name reads every page and logs no such warning.
    writeFileSync(join(dir, "connector.py"), code);
    const ok = await runSync({ projectDir: dir, configuration: { base_url: shop.baseUrl(0) }, engine: "embedded", timeoutSeconds: 60, reset: true });
    expect(ok.rowsPerTable.events).toBe(shopRows("events", 0).length);
    expect(ok.logTail.join("\n")).not.toContain("NEXT_URL_KEY");
  }, 60_000);

  it("database: keyset over a composite key, offset and an unpaged read with its own cursor field, twice", async () => {
    const dir = join(root, "db");
    const made = scaffoldProject(dir, {
      source_type: "database",
      page_size: 3,
      tables: [
        { name: "stock", primary_key: ["region", "sku"], pagination: "keyset_timestamp", page_size: 2 },
        { name: "orders", primary_key: ["order_no"], pagination: "offset" },
        { name: "events", primary_key: ["stream", "seq"], pagination: "none", cursor_field: "modified_at" },
      ],
    });
    expect(made.options.tables.map((t) => [t.name, t.pagination, t.pageSize, t.cursorField])).toEqual([
      ["stock", "keyset_timestamp", 2, "updated_at"],
      ["orders", "offset", 3, "updated_at"],
      ["events", "none", 3, "modified_at"],
    ]);
    expect(await lintClean(dir)).toEqual([]);
    const db = join(dir, "source.sqlite");
    const load = (version: number) => {
      const data = Object.fromEntries(["stock", "orders", "events"].map((t) => [t, shopRows(t, version)]));
      const script = [
        "import json, sqlite3, sys",
        "data = json.load(sys.stdin)",
        "db = sqlite3.connect(sys.argv[1])",
        "for table, rows in data.items():",
        '    db.execute(f"DROP TABLE IF EXISTS {table}")',
        "    db.execute(f\"CREATE TABLE {table} ({', '.join(rows[0].keys())})\")",
        "    db.executemany(f\"INSERT INTO {table} VALUES ({', '.join('?' for _ in rows[0])})\", [list(r.values()) for r in rows])",
        "db.commit()",
      ].join("\n");
      execFileSync("python3", ["-c", script, db], { input: JSON.stringify(data) });
    };
    const tables = ["stock", "orders", "events"];
    load(0);
    const first = await runSync({ projectDir: dir, configuration: { database_path: db }, engine: "embedded", timeoutSeconds: 60, reset: true });
    expect(first.status, describeFailure(first)).toBe("succeeded");
    expect(first.rowsPerTable).toEqual(Object.fromEntries(tables.map((t) => [t, BASE])));
    load(1);
    const second = await runSync({ projectDir: dir, configuration: { database_path: db }, engine: "embedded", timeoutSeconds: 60 });
    expect(second.status, describeFailure(second)).toBe("succeeded");
    expect(Object.fromEntries(Object.entries(second.writtenPerTable ?? {}).map(([t, w]) => [t, w.upserts]))).toEqual(Object.fromEntries(tables.map((t) => [t, changedCount(t, 1)])));
    expect(second.rowsPerTable).toEqual(Object.fromEntries(tables.map((t) => [t, BASE + 2])));
    expect(second.state.events_cursor).toBe(shopRows("events", 1).at(-1)?.modified_at);
  }, 90_000);

  it("graphql: cursor, offset and unpaged connections with their own keys, and a nested child, twice", async () => {
    const dir = join(root, "graphql");
    scaffoldProject(dir, {
      source_type: "graphql",
      tables: [
        { name: "orders", primary_key: ["order_no"], pagination: "cursor", page_size: 4 },
        { name: "stock", primary_key: ["region", "sku"], pagination: "offset", page_size: 3 },
        { name: "customers", primary_key: ["customer_no"] },
        { name: "notes", parent: "customers", parent_key: "customer_ref", primary_key: ["customer_ref", "note_no"], pagination: "cursor", page_size: 1 },
      ],
    });
    expect(await lintClean(dir)).toEqual([]);
    const tables = ["orders", "stock", "customers"];
    const first = await runSync({ projectDir: dir, configuration: { base_url: `${shop.baseUrl(0)}/graphql` }, engine: "embedded", timeoutSeconds: 60, reset: true });
    expect(first.status, describeFailure(first)).toBe("succeeded");
    expect(first.rowsPerTable).toEqual({ ...Object.fromEntries(tables.map((t) => [t, BASE])), notes: noteCount(0) });
    const second = await runSync({ projectDir: dir, configuration: { base_url: `${shop.baseUrl(1)}/graphql` }, engine: "embedded", timeoutSeconds: 60 });
    expect(second.status, describeFailure(second)).toBe("succeeded");
    expect(Object.fromEntries(Object.entries(second.writtenPerTable ?? {}).map(([t, w]) => [t, w.upserts]))).toEqual(Object.fromEntries([...tables, "notes"].map((t) => [t, changedCount(t, 1)])));
    expect(second.rowsPerTable).toEqual({ ...Object.fromEntries(tables.map((t) => [t, BASE + 2])), notes: noteCount(1) });
    expect(shop.requests.filter((r) => r.url.endsWith("/graphql") && r.status !== 200)).toEqual([]);
    // The mock is strict: selecting id, or paging orders by offset, is refused, so the runs above really used the
    // configured keys and each connection's own pagination.
    const post = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`${shop.baseUrl(0)}/graphql`, { method: "POST", body: JSON.stringify({ query, variables }) });
      return `${res.status} ${await res.text()}`;
    };
    const cursorArgs = "first: $first, after: $after, updatedSince: $updatedSince";
    expect(await post(`query Rows($first: Int!, $after: String, $updatedSince: String) { orders(${cursorArgs}) { nodes { id name } } }`, { first: 4 })).toMatch(
      /^400 .*Cannot query field 'id' on type orders/,
    );
    expect(await post("query Rows($limit: Int!, $offset: Int!) { orders(limit: $limit, offset: $offset) { nodes { order_no } totalCount } }", { limit: 4, offset: 0 })).toMatch(
      /^400 .*orders takes arguments updatedSince, first, after/,
    );
  }, 90_000);

  it("sample: the generated rows carry the keys, parent key column and cursor field asked for", async () => {
    const dir = join(root, "sample");
    scaffoldProject(dir, {
      page_size: 4,
      cursor_field: "changed_at",
      tables: [
        { name: "accounts", primary_key: ["account_no"] },
        { name: "contacts", parent: "accounts", parent_key: "account_ref", primary_key: ["account_ref", "contact_no"], page_size: 1 },
      ],
    });
    expect(await lintClean(dir)).toEqual([]);
    const first = await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 60, reset: true });
    expect(first.status, describeFailure(first)).toBe("succeeded");
    expect(first.rowsPerTable).toEqual({ accounts: 26, contacts: 52 });
    expect(Object.keys(first.state).sort()).toEqual(["accounts_cursor", "contacts_cursor"]);
    const second = await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 60 });
    expect(second.status, describeFailure(second)).toBe("succeeded");
    expect(second.counts.upserts).toBe(3);
    const py = readFileSync(join(dir, "connector.py"), "utf8");
    expect(py).toContain('{"table": "contacts", "primary_key": ["account_ref", "contact_no"]},');
  }, 90_000);
});

describe("per-table settings: what scaffold refuses and what it never generates", () => {
  const refuse = (tables: TableSpec[], extra: Record<string, unknown>, message: RegExp) => expect(() => resolveOptions({ source_type: "rest_api", tables, ...extra })).toThrow(message);

  it("refuses settings it cannot honour, saying why", () => {
    refuse([{ name: "stock", primary_key: ["region", "sku"], pagination: "keyset_timestamp" }], {}, /resumes after one key value \(after_id\)/);
    refuse(
      [
        { name: "stock", primary_key: ["region", "sku"] },
        { name: "moves", parent: "stock" },
      ],
      {},
      /"stock" has child tables, so its primary key must be one column/,
    );
    refuse([{ name: "orders", parent_key: "x" }], {}, /sets parent_key but has no parent/);
    refuse([{ name: "orders", page_size: 0 }], {}, /page_size of table "orders" must be a whole number from 1 to 10000/);
    refuse([{ name: "orders", cursor_field: "changed at" }], {}, /cursor_field "changed at" is not a column name/);
    refuse([{ name: "orders", primary_key: ['no"pe'] }], {}, /not a column name/);
    refuse([{ name: "orders", pagination: "link_header" }], { source_type: "graphql" }, /pagination "link_header" of table "orders" is not offered for source_type "graphql"/);
    expect(() => resolveOptions({ source_type: "file", page_size: 10 })).toThrow(/do not apply to source_type file/);
  });

  it("fills the key column that names the parent when no parent_key is given", () => {
    const key = (parentKey: string[], childKey: string[]) =>
      resolveOptions({
        source_type: "rest_api",
        tables: [
          { name: "orders", primary_key: parentKey },
          { name: "lines", parent: "orders", primary_key: childKey },
        ],
      }).tables[1].parentKey;
    expect(key(["order_no"], ["order_no", "line_no"])).toBe("order_no");
    expect(key(["id"], ["order_id", "line_no"])).toBe("order_id");
    expect(key(["id"], ["line_no"])).toBe("orders_id");
  });

  it("keeps today's inputs valid and their defaults", () => {
    const o = resolveOptions({
      source_type: "rest_api",
      pagination: "offset",
      tables: [
        { name: "users", primary_key: ["id"] },
        { name: "orders", parent: "users" },
      ],
    });
    expect(o.tables.map((t) => [t.name, t.primaryKey, t.parentKey, t.pagination, t.pageSize, t.cursorField])).toEqual([
      ["users", ["id"], undefined, "offset", 100, "updated_at"],
      ["orders", ["users_id", "id"], "users_id", "offset", 100, "updated_at"],
    ]);
  });

  it("mixed settings parse for Python 3.9 to 3.13 (no unused imports or undefined names) and lint clean", async () => {
    // The same kinds of mixed settings as the runs above, in both operation styles, scaffolded here so this test stands alone.
    const mixed: ScaffoldOptions[] = [
      { source_type: "rest_api", tables: REST_TABLES },
      {
        source_type: "graphql",
        tables: [
          { name: "orders", primary_key: ["order_no"], pagination: "cursor" },
          { name: "stock", primary_key: ["region", "sku"], pagination: "offset" },
        ],
      },
      {
        source_type: "database",
        driver: "mysql",
        tables: [
          { name: "stock", primary_key: ["region", "sku"], pagination: "keyset_timestamp" },
          { name: "orders", pagination: "none" },
        ],
        sync: "full",
      },
      {
        source_type: "sample",
        tables: [
          { name: "accounts", primary_key: ["account_no"] },
          { name: "contacts", parent: "accounts", parent_key: "account_ref" },
        ],
      },
    ];
    const files = OPERATION_STYLES.flatMap((style) =>
      mixed.map((o, i) => {
        const dir = join(root, `syntax-${style}-${i}`);
        scaffoldProject(dir, { ...o, operation_style: style });
        return join(dir, "connector.py");
      }),
    );
    let output = "";
    try {
      output = execFileSync("python3", [join(import.meta.dirname, "check_python.py"), ...files], { encoding: "utf8" });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    const results = output
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { path: string; problems: string[] });
    expect(results).toHaveLength(files.length);
    expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
    const findings = await Promise.all(files.map(async (f) => (await lintClean(join(f, ".."))).map((x) => `${f}: ${x}`)));
    expect(findings.flat()).toEqual([]);
  }, 60_000);

  it("no offered combination generates a setting shared by every table", () => {
    const shared = allCombinations()
      .map((c) => [comboLabel(c), renderConnector(resolveOptions(comboOptions(c)))] as const)
      // The default key is still "id" where none is given, but only as a table's setting, never read as a constant.
      .filter(([, py]) => /\bID_FIELD\b|\bCURSOR_FIELD\b|\bPAGE_SIZE\b|\bBATCH_SIZE\b|\[\s*"id"\s*\]/.test(py.replace(/"primary_key": \[[^\]]*\]/g, "")))
      .map(([label]) => label);
    expect(shared).toEqual([]);
  });
});
