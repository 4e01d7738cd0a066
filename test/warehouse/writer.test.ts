import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readState } from "../../src/warehouse/files.js";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { columnsOf, dump, tempProject } from "./helpers.js";

// Expected values below were read from files/warehouse.db after running the same operations through the
// real SDK 3.0 `fivetran debug` (probe connectors P1 and P2 of docs/warehouse.md). Rows are given as the cells
// the harness sends (src/protocol.ts): Python values were converted there.

describe("WarehouseWriter", () => {
  it("matches the real SDK for declared types, inferred types, names and key-less tables (probe P1)", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    const changes = await w.apply({
      t: "schema",
      tables: [
        {
          table: "Typed",
          primary_key: ["id"],
          columns: {
            id: { type: "INT" },
            b: { type: "BOOLEAN" },
            s: { type: "SHORT" },
            l: { type: "LONG" },
            dec: { type: "DECIMAL", precision: 10, scale: 2 },
            f: { type: "FLOAT" },
            d: { type: "DOUBLE" },
            nd: { type: "NAIVE_DATE" },
            ndt: { type: "NAIVE_DATETIME" },
            udt: { type: "UTC_DATETIME" },
            bin: { type: "BINARY" },
            x: { type: "XML" },
            str: { type: "STRING" },
            j: { type: "JSON" },
          },
        },
        { table: "orders", primary_key: ["orderId"] },
      ],
    });
    expect(changes).toBe(2);
    await w.apply({
      t: "upsert",
      table: "Typed",
      data: {
        id: 1,
        b: true,
        s: 3,
        l: 2 ** 40,
        dec: "12.345",
        f: 1.5,
        d: 0.1,
        nd: "2024-01-02",
        ndt: "2024-01-02T03:04:05",
        udt: "2024-01-02T03:04:05Z",
        bin: { $ft: "bytes", v: "AAE=" },
        x: "<a/>",
        str: "hi",
        j: { $ft: "json", v: '{"k": [1, "\\u00e9"]}' },
      },
    });
    await w.apply({
      t: "upsert",
      table: "orders",
      data: {
        orderId: 1,
        camelCase: "a",
        "user.name": "b",
        Order: 1,
        "1st": 2,
        Café: 3,
        "with space": 4,
        flag: true,
        n: 5,
        big: { $ft: "float", v: "1.1805916207174113e+21" },
        fl: 2.5,
        dct: { $ft: "json", v: '{"a": 1}' },
        lst: { $ft: "json", v: "[1, 2]" },
        none: null,
        by: { $ft: "bytes", v: "eHk=" },
        dtn: "2024-01-02 03:04:05",
        dta: "2024-01-02 03:04:05+00:00",
        dte: "2024-01-02",
        dm: "1.50",
        numstr: "123",
        datestr: "2024-05-06",
        boolstr: "t",
      },
    });
    // The SDK's own hashes for {a: 1, b: "x"} and {a: 2, b: None}, as the harness sends them.
    await w.apply({ t: "upsert", table: "no_pk", data: { a: 1, b: "x" }, id: "rsLjwKNnkVAjnuwua2kWgDKLH8g=" });
    await w.apply({ t: "upsert", table: "no_pk", data: { a: 1, b: "x" }, id: "rsLjwKNnkVAjnuwua2kWgDKLH8g=" });
    await w.apply({ t: "upsert", table: "no_pk", data: { a: 2, b: null }, id: "okJLu1+9cgSJlhmmStoxMg5a80g=" });
    await w.checkpoint(JSON.stringify({ cursor: "2024", n: 1 }));
    await w.apply({ t: "upsert", table: "orders", data: { orderId: 2, n: "abc" } });
    await w.apply({ t: "update", table: "orders", data: { orderId: 1, n: 9 } });
    await w.apply({ t: "update", table: "orders", data: { orderId: 99, n: 9 } });
    await w.apply({ t: "delete", table: "orders", data: { orderId: 1 } });
    await w.checkpoint(JSON.stringify({ cursor: "2025" }));
    await w.apply({ t: "upsert", table: "orders", data: { orderId: 3 } });
    await w.rollback(); // the connector raised
    expect(await w.rowsPerTable()).toEqual({ no_pk: 2, orders: 2, typed: 1 });
    await w.close();

    expect(readFileSync(join(dir, "files", "state.json"), "utf8")).toBe('{"cursor":"2025"}');
    expect(await columnsOf(dir, "typed")).toEqual([
      "id INTEGER",
      "b BOOLEAN",
      "s SMALLINT",
      "l BIGINT",
      "dec DECIMAL(10,2)",
      "f FLOAT",
      "d DOUBLE",
      "nd DATE",
      "ndt TIMESTAMP",
      "udt TIMESTAMP WITH TIME ZONE",
      "bin BLOB",
      "x VARCHAR",
      "str VARCHAR",
      "j JSON",
      "_fivetran_deleted BOOLEAN",
      "_fivetran_synced TIMESTAMP WITH TIME ZONE",
    ]);
    expect(await columnsOf(dir, "orders")).toEqual([
      "order_id BIGINT",
      "camel_case VARCHAR",
      "user_name VARCHAR",
      "order BIGINT",
      "_1_st BIGINT",
      "cafe BIGINT",
      "with_space BIGINT",
      "flag BOOLEAN",
      "n VARCHAR",
      "big FLOAT",
      "fl FLOAT",
      "dct JSON",
      "lst JSON",
      "by BLOB",
      "dtn TIMESTAMP",
      "dta VARCHAR",
      "dte DATE",
      "dm DOUBLE",
      "numstr BIGINT",
      "datestr DATE",
      "boolstr BOOLEAN",
      "_fivetran_deleted BOOLEAN",
      "_fivetran_synced TIMESTAMP WITH TIME ZONE",
    ]);
    expect(await columnsOf(dir, "no_pk")).toEqual(["_fivetran_id VARCHAR", "a BIGINT", "b VARCHAR", "_fivetran_deleted BOOLEAN", "_fivetran_synced TIMESTAMP WITH TIME ZONE"]);
    const typed = await dump(dir, "SELECT COLUMNS(* EXCLUDE (_fivetran_synced))::VARCHAR FROM tester.typed");
    expect(typed).toEqual([
      {
        id: "1",
        b: "true",
        s: "3",
        l: "1099511627776",
        dec: "12.35",
        f: "1.5",
        d: "0.1",
        nd: "2024-01-02",
        ndt: "2024-01-02 03:04:05",
        udt: "2024-01-02 03:04:05+00",
        bin: "\\x00\\x01",
        x: "<a/>",
        str: "hi",
        j: '{"k": [1, "\\u00e9"]}',
        _fivetran_deleted: "false",
      },
    ]);
    const orders = await dump(dir, "SELECT order_id::VARCHAR AS id, n, dct::VARCHAR AS dct, dta, dm, _fivetran_deleted AS del FROM tester.orders ORDER BY 1");
    expect(orders).toEqual([
      { id: "1", n: "9", dct: '{"a": 1}', dta: "2024-01-02 03:04:05+00:00", dm: 1.5, del: true },
      { id: "2", n: "abc", dct: null, dta: null, dm: null, del: false },
    ]);
    const ids = await dump(dir, "SELECT _fivetran_id AS id, a::VARCHAR AS a FROM tester.no_pk ORDER BY a");
    // The SDK's own hashes for {a: 1, b: "x"} and {a: 2, b: None}.
    expect(ids).toEqual([
      { id: "rsLjwKNnkVAjnuwua2kWgDKLH8g=", a: "1" },
      { id: "okJLu1+9cgSJlhmmStoxMg5a80g=", a: "2" },
    ]);
    const pks = await dump(dir, "SELECT table_name AS t, constraint_column_names::VARCHAR AS k FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' ORDER BY 1");
    expect(pks).toEqual([
      { t: "_fivetran_metadata", k: "[key]" },
      { t: "no_pk", k: "[_fivetran_id]" },
      { t: "orders", k: "[order_id]" },
      { t: "typed", k: "[id]" },
    ]);
    expect(await dump(dir, "SELECT * FROM main._fivetran_metadata")).toEqual([{ key: "naming_strategy", value: "FIVETRAN_NAMING" }]);
  });

  it("widens across checkpoints, soft-truncates by time and keeps '' on updates of upserted rows (probe P2)", async () => {
    const dir = tempProject();
    const warnings: string[] = [];
    const w = await WarehouseWriter.open(dir, { onWarning: (m) => warnings.push(m) });
    await w.apply({
      t: "schema",
      tables: [
        { table: "decl_nopk", columns: { a: { type: "STRING" } } },
        { table: "t", primary_key: ["id"] },
      ],
    });
    await w.apply({ t: "upsert", table: "t", data: { id: 1, v: 1, userName: "a" } });
    await w.apply({ t: "upsert", table: "t", data: { id: 2, v: 2 } });
    await w.checkpoint(JSON.stringify({ s: 1 }));
    await w.apply({ t: "upsert", table: "t", data: { id: 3, v: 2.5, user_name: "b" } });
    await w.apply({ t: "truncate", table: "t" });
    await w.apply({ t: "upsert", table: "t", data: { id: 4, v: "x" } });
    await w.apply({ t: "update", table: "t", data: { id: 2, v: "" } });
    await w.apply({ t: "upsert", table: "decl_nopk", data: { a: "q", z: 1 }, id: "UBmeaBmYv1s5IMTvEkvUTOyhRUY=" });
    await w.checkpoint(JSON.stringify({ s: 2 }));
    await w.close();
    expect(warnings).toEqual(["columns 'userName' and 'user_name' both become 'user_name' in t: a row keeps only the value of the first"]);
    expect(await columnsOf(dir, "decl_nopk")).toEqual(["a VARCHAR", "_fivetran_synced TIMESTAMP WITH TIME ZONE", "_fivetran_id VARCHAR", "z BIGINT", "_fivetran_deleted BOOLEAN"]);
    // The id the harness sent (the SDK's hash of {a: "q", z: 1}).
    expect(await dump(dir, "SELECT _fivetran_id AS id FROM tester.decl_nopk")).toEqual([{ id: "UBmeaBmYv1s5IMTvEkvUTOyhRUY=" }]);
    expect(await columnsOf(dir, "t")).toEqual(["id BIGINT", "v VARCHAR", "user_name VARCHAR", "_fivetran_deleted BOOLEAN", "_fivetran_synced TIMESTAMP WITH TIME ZONE"]);
    expect(await dump(dir, "SELECT id::VARCHAR AS id, v, user_name AS u, _fivetran_deleted AS del FROM tester.t ORDER BY id")).toEqual([
      { id: "1", v: "1", u: "a", del: true },
      { id: "2", v: "", u: null, del: false },
      { id: "3", v: "2.5", u: "b", del: true },
      { id: "4", v: "x", u: null, del: false },
    ]);
    expect(readState(dir)).toEqual({ s: 2 });
  });

  it("upsert replaces the whole row, update changes only its columns, delete is soft, and neither creates rows", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    await w.apply({ t: "schema", tables: [{ table: "p", primary_key: ["id"], columns: { id: { type: "LONG" } } }] });
    await w.apply({ t: "upsert", table: "p", data: { id: 1, a: "x", b: "y" } });
    await w.checkpoint(JSON.stringify({}));
    await w.apply({ t: "upsert", table: "p", data: { id: 1, a: "z" } });
    await w.apply({ t: "update", table: "p", data: { id: 2, a: "ghost" } });
    await w.apply({ t: "delete", table: "p", data: { id: 3 } });
    await w.checkpoint(JSON.stringify({}));
    await w.apply({ t: "update", table: "p", data: { id: 1, b: "w" } });
    await w.checkpoint(JSON.stringify({}));
    await w.apply({ t: "delete", table: "p", data: { id: 1 } });
    await w.checkpoint(JSON.stringify({}));
    await w.close();
    expect(await dump(dir, "SELECT id::VARCHAR AS id, a, b, _fivetran_deleted AS del FROM tester.p")).toEqual([{ id: "1", a: "z", b: "w", del: true }]);
  });

  it("upserts through a second source name of a table the keys the first one wrote in earlier checkpoints (646)", async () => {
    // `Orders` and `orders` both become `orders`. `orders` first wrote the table when it was empty; its later rows
    // must meet the keys `Orders` wrote meanwhile (appended straight in, they broke the primary key).
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    const orders = { primary_key: ["id"], columns: { id: { type: "LONG" } } };
    await w.apply({
      t: "schema",
      tables: [
        { table: "Orders", ...orders },
        { table: "orders", ...orders },
      ],
    });
    await w.apply({ t: "upsert", table: "orders", data: { id: 5, v: "lower-5" } });
    await w.checkpoint(JSON.stringify({}));
    await w.apply({ t: "upsert", table: "Orders", data: { id: 1, v: "upper-1" } });
    await w.checkpoint(JSON.stringify({}));
    await w.apply({ t: "upsert", table: "orders", data: { id: 1, v: "lower-1" } });
    await w.checkpoint(JSON.stringify({}));
    await w.close();
    expect(await dump(dir, "SELECT id::VARCHAR AS id, v FROM tester.orders ORDER BY id")).toEqual([
      { id: "1", v: "lower-1" },
      { id: "5", v: "lower-5" },
    ]);
  });

  it("creates declared columns in schema()'s order, integer-like names included, as the harness lists them (635)", async () => {
    // JSON.parse lists "2024" and "10" before "region": the harness sends the order schema() gave as column_order.
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    const columns = { region: { type: "STRING" }, "2024": { type: "DOUBLE" }, "2023": { type: "DOUBLE" }, "10": { type: "INT" }, total: { type: "DOUBLE" } };
    await w.apply({ t: "schema", tables: [{ table: "by_year", primary_key: ["region"], columns, column_order: ["region", "2024", "2023", "10", "total"] }] });
    await w.apply({ t: "upsert", table: "by_year", data: { region: "eu", "2024": 1.5, "2023": 2.5, "10": 3, total: 4 } });
    await w.checkpoint(JSON.stringify({}));
    await w.close();
    expect(await columnsOf(dir, "by_year")).toEqual([
      "region VARCHAR",
      "_2024 DOUBLE",
      "_2023 DOUBLE",
      "_10 INTEGER",
      "total DOUBLE",
      "_fivetran_deleted BOOLEAN",
      "_fivetran_synced TIMESTAMP WITH TIME ZONE",
    ]);
  });

  it("takes a key column named `constructor` or `__proto__` without a declared type for one the rows type (646)", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    await w.apply({
      t: "schema",
      tables: [{ table: "standings", primary_key: ["season", "constructor", "__proto__"], columns: { season: { type: "INT" }, toString: { type: "STRING" } } }],
    });
    await w.apply({ t: "upsert", table: "standings", data: { season: 2024, constructor: "ferrari", ["__proto__"]: 7, toString: "x" } });
    await w.checkpoint(JSON.stringify({}));
    await w.close();
    expect(await columnsOf(dir, "standings")).toEqual([
      "season INTEGER",
      "to_string VARCHAR",
      "constructor VARCHAR",
      "_proto_ BIGINT",
      "_fivetran_deleted BOOLEAN",
      "_fivetran_synced TIMESTAMP WITH TIME ZONE",
    ]);
  });

  it("rolls back to the last checkpoint, keeps state.json, and reset starts clean", async () => {
    const dir = tempProject();
    let w = await WarehouseWriter.open(dir);
    await w.apply({ t: "upsert", table: "t", data: { id: 1 } });
    await w.checkpoint(JSON.stringify({ c: 1 }));
    await w.apply({ t: "upsert", table: "t", data: { id: 2 } });
    await w.apply({ t: "upsert", table: "u", data: { id: 2 } });
    await w.rollback();
    await w.checkpoint(JSON.stringify({ c: 1 }));
    await w.close();
    expect(await dump(dir, "SELECT count(*)::INT AS n FROM tester.t")).toEqual([{ n: 1 }]);
    expect(await dump(dir, "SELECT count(*)::INT AS n FROM information_schema.tables WHERE table_name = 'u'")).toEqual([{ n: 0 }]);
    // A second run continues; then a reset drops the tables and the state.
    w = await WarehouseWriter.open(dir);
    expect(await w.rowsPerTable()).toEqual({ t: 1 });
    await w.close();
    w = await WarehouseWriter.open(dir, { reset: true });
    expect(await w.rowsPerTable()).toEqual({});
    await w.close();
    expect(existsSync(join(dir, "files", "state.json"))).toBe(false);
  });

  it("refuses a second writer on the same file with a 'locked' ToolError", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    await expect(WarehouseWriter.open(dir)).rejects.toMatchObject({ code: "locked" });
    await w.close();
    const again = await WarehouseWriter.open(dir);
    await again.close();
  });

  it("fails on a null primary key and drops the failed batch", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    await w.apply({ t: "schema", tables: [{ table: "k", primary_key: ["id"] }] });
    await expect(w.apply({ t: "upsert", table: "k", data: { id: null, a: 1 } })).rejects.toThrow(/Null primary key found while syncing table tester.k/);
    await w.close();
  });

  it("refuses a key change the rows cannot hold with the SDK's three lines (fidelity 176)", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    await w.apply({ t: "schema", tables: [{ table: "Users", primary_key: ["Id"] }] });
    await w.apply({ t: "upsert", table: "Users", data: { Id: 1 } });
    // Undeclared, so key-less: its rows need a _fivetran_id key in the same destination table.
    await w.apply({ t: "upsert", table: "users", data: { id: 2 } });
    await expect(w.checkpoint("{}")).rejects.toThrow(
      "Primary key change for table tester.users contains a null value under the new primary key ['_fivetran_id'].\n" +
        "The existing rows cannot be fitted to a new primary key automatically.\n" +
        "Fix the values at the source, or try: `fivetran reset`",
    );
    await w.close();
  });

  it("keeps a system column where the rows first sent it, with the system's values (fidelity 191)", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir, { spillRows: 1 });
    await w.apply({ t: "schema", tables: [{ table: "k", primary_key: ["id"] }] });
    await w.apply({ t: "upsert", table: "k", data: { id: 1, _fivetran_synced: "2020-01-01T00:00:00Z", _fivetran_deleted: true } });
    await w.apply({ t: "upsert", table: "k", data: { id: 2, v: "x" } });
    await w.checkpoint("{}");
    await w.close();
    expect(await columnsOf(dir, "k")).toEqual(["id BIGINT", "_fivetran_synced TIMESTAMP WITH TIME ZONE", "_fivetran_deleted BOOLEAN", "v VARCHAR"]);
    expect(await dump(dir, "SELECT count(*)::INT AS n FROM tester.k WHERE _fivetran_deleted OR _fivetran_synced < '2026-01-01'")).toEqual([{ n: 0 }]);
  });

  it("writes a declared _fivetran_deleted column once, in its declared place (fidelity 194)", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    await w.apply({ t: "schema", tables: [{ table: "k", primary_key: ["rowid"], columns: { rowid: { type: "INT" }, _fivetran_deleted: { type: "STRING" } } }] });
    await w.apply({ t: "upsert", table: "k", data: { rowid: 1, _fivetran_deleted: "no" } });
    await w.apply({ t: "upsert", table: "k", data: { rowid: 2 } });
    await w.apply({ t: "delete", table: "k", data: { rowid: 1 } });
    await w.checkpoint("{}");
    await w.close();
    expect(await columnsOf(dir, "k")).toEqual(["rowid INTEGER", "_fivetran_deleted VARCHAR", "_fivetran_synced TIMESTAMP WITH TIME ZONE"]);
    expect(await dump(dir, "SELECT rowid, _fivetran_deleted AS d FROM tester.k ORDER BY rowid")).toEqual([
      { rowid: 1, d: "true" },
      { rowid: 2, d: "false" },
    ]);
  });

  it("writes a declared _fivetran_id column of a key-less table once (fidelity 194)", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    await w.apply({ t: "schema", tables: [{ table: "b", columns: { _fivetran_id: { type: "INT" }, v: { type: "STRING" } } }] });
    await w.apply({ t: "upsert", table: "b", data: { _fivetran_id: 5, v: "x" } });
    await w.checkpoint("{}");
    await w.close();
    expect(await columnsOf(dir, "b")).toEqual(["_fivetran_id VARCHAR", "v VARCHAR", "_fivetran_deleted BOOLEAN", "_fivetran_synced TIMESTAMP WITH TIME ZONE"]);
  });

  it("merges large batches per key, last write wins, across several checkpoints", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    await w.apply({ t: "schema", tables: [{ table: "big", primary_key: ["id"], columns: { id: { type: "LONG" }, v: { type: "LONG" } } }] });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 20_000; i++) {
        await w.apply({ t: "upsert", table: "big", data: { id: i, v: round * 100_000 + i, s: `r${round}` } });
      }
      // Every 10th row is updated, every 7th deleted, after its upsert in the same batch.
      for (let i = 0; i < 20_000; i += 10) await w.apply({ t: "update", table: "big", data: { id: i, s: "upd" } });
      for (let i = 0; i < 20_000; i += 7) await w.apply({ t: "delete", table: "big", data: { id: i } });
      await w.checkpoint(JSON.stringify({ round }));
    }
    await w.close();
    const [agg] = await dump(
      dir,
      `SELECT count(*)::INT AS n, sum(v)::VARCHAR AS sv,
      count(*) FILTER (WHERE _fivetran_deleted)::INT AS del, count(*) FILTER (WHERE s = 'upd')::INT AS upd,
      count(*) FILTER (WHERE s = 'r2')::INT AS r2 FROM tester.big`,
    );
    const deleted = Math.ceil(20_000 / 7);
    const updated = 20_000 / 10;
    const both = Math.ceil(20_000 / 70);
    expect(agg).toEqual({
      n: 20_000,
      sv: String(20_000 * 200_000 + (19_999 * 20_000) / 2),
      del: deleted,
      upd: updated,
      r2: 20_000 - updated,
    });
    expect(both).toBeGreaterThan(0);
    expect(readState(dir)).toEqual({ round: 2 });
  });
});

describe("WarehouseWriter operation times", () => {
  it("keep microseconds, as the SDK's datetime.now() does, not whole milliseconds", async () => {
    const dir = tempProject();
    const w = await WarehouseWriter.open(dir);
    await w.apply({ t: "schema", tables: [{ table: "t", primary_key: ["id"] }] });
    // One row per few milliseconds: each is the first of its millisecond, so only a clock finer than a millisecond
    // gives it a time that is not a whole millisecond (all eight would be, by chance, once in 10^24).
    for (let id = 0; id < 8; id++) {
      await w.apply({ t: "upsert", table: "t", data: { id } });
      await new Promise((r) => setTimeout(r, 3));
    }
    await w.checkpoint("{}");
    await w.close();
    const rows = await dump(dir, "SELECT (epoch_us(_fivetran_synced) % 1000)::INTEGER AS us FROM tester.t");
    expect(rows.some((r) => r.us !== 0)).toBe(true);
  });
});
