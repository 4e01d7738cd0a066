import { describe, expect, it } from "vitest";
import { describeWarehouse } from "../../src/warehouse/inspect.js";
import { queryWarehouse } from "../../src/warehouse/query.js";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { dump, tempProject } from "./helpers.js";

// Real DuckDB files: tables named with SDK 3.0's schema= go to tester_<renamed schema>, apart from tester's.
describe("source schemas (schema= of SDK 3.0)", () => {
  it("writes each source schema's tables to its own destination schema, and the readers show them qualified", async () => {
    const dir = tempProject("whs-");
    const w = await WarehouseWriter.open(dir);
    await w.apply({
      t: "schema",
      tables: [
        { table: "orders", schema: "Sales", primary_key: ["id"], columns: { id: { type: "INT" } } },
        { table: "orders", primary_key: ["id"] },
      ],
    });
    await w.apply({ t: "upsert", table: "orders", schema: "Sales", data: { id: 1, v: "sales" } });
    await w.apply({ t: "upsert", table: "orders", data: { id: 1, v: "default" } });
    await w.apply({ t: "upsert", table: "Refunds", schema: "after.Sales", data: { id: 7 } });
    await w.apply({ t: "delete", table: "orders", schema: "Sales", data: { id: 1 } });
    await w.checkpoint(JSON.stringify({}));
    expect(await w.rowsPerTable()).toEqual({ orders: 1, "tester_sales.orders": 1, "tester_after_sales.refunds": 1 });
    await expect(w.apply({ t: "upsert", table: "orders", schema: "Sales", data: { id: null } })).rejects.toThrow(
      "Null primary key found while syncing table tester_sales.orders. Primary Key id is null in object.",
    );
    await expect(w.apply({ t: "upsert", table: "orders", schema: "Sales", data: { v: "no key" } })).rejects.toThrow(
      "Null primary key found while syncing table tester_sales.orders. Primary Key id is null in object.",
    );
    await w.rollback();
    await w.close();

    expect(await dump(dir, "SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema LIKE 'tester%' ORDER BY 1")).toEqual([
      { t: "tester.orders" },
      { t: "tester_after_sales.refunds" },
      { t: "tester_sales.orders" },
    ]);
    expect(await dump(dir, "SELECT v, _fivetran_deleted AS d FROM tester_sales.orders")).toEqual([{ v: "sales", d: true }]);

    const d = await describeWarehouse(dir);
    expect(d.tables.map((t) => `${t.schema}.${t.name} ${t.rows}/${t.deleted_rows}`)).toEqual(["tester.orders 1/0", "tester_after_sales.refunds 1/0", "tester_sales.orders 1/1"]);
    // Unqualified names are tester's tables; the others are read by their schema.
    expect((await queryWarehouse(dir, "SELECT v FROM orders")).rows).toEqual([["default"]]);
    expect((await queryWarehouse(dir, "SELECT v FROM tester_sales.orders")).rows).toEqual([["sales"]]);

    const again = await WarehouseWriter.open(dir, { reset: true });
    expect(await again.rowsPerTable()).toEqual({});
    await again.close();
    expect(await dump(dir, "SELECT schema_name AS s FROM information_schema.schemata WHERE schema_name LIKE 'tester%' ORDER BY 1")).toEqual([{ s: "tester" }]);
  });
});
