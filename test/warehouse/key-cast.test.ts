// Keys that differ in memory but are one value in their key column (0.1 and 0.10000000001 in a FLOAT, 3 and 3.0 once
// a key column is FLOAT): the SDK stages both, and its INSERT ... ON CONFLICT keeps the first of one write and
// replaces an earlier write's row. Appending them straight into the table would break its primary key. The fidelity cases
// 47-49 compare the same with the real SDK; these pin the writer alone, with and without early writes.
import { describe, expect, it } from "vitest";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { castKey, cellKey } from "../../src/warehouse/writer/keys.js";
import { dump, tempProject } from "./helpers.js";

async function sync(spillRows: number | undefined, steps: (w: WarehouseWriter) => Promise<void>): Promise<Record<string, unknown>[]> {
  const dir = tempProject("keycast-");
  const w = await WarehouseWriter.open(dir, spillRows ? { spillRows } : {});
  try {
    await steps(w);
  } finally {
    await w.close();
  }
  return dump(dir, "SELECT CAST(k AS VARCHAR) AS k, v FROM tester.t ORDER BY k");
}

describe("keys one after the cast to their column's type", () => {
  for (const spillRows of [undefined, 2]) {
    const mode = spillRows ? "writing early every 2 operations" : "one write per checkpoint";

    it(`keeps the first row of one write for two floats that are one FLOAT (${mode})`, async () => {
      const rows = await sync(spillRows, async (w) => {
        w.declare([{ table: "t", primary_key: ["k"], columns: { k: { type: "FLOAT" }, v: { type: "STRING" } } }]);
        await w.apply({ t: "upsert", table: "t", data: { k: 0.1, v: "first" } });
        await w.apply({ t: "upsert", table: "t", data: { k: 0.10000000001, v: "second" } });
        await w.apply({ t: "upsert", table: "t", data: { k: 2.5, v: "other" } });
        await w.checkpoint("{}");
      });
      expect(rows).toEqual([
        { k: "0.1", v: "first" },
        { k: "2.5", v: "other" },
      ]);
    });

    it(`replaces an earlier checkpoint's row whose key the new key casts to (${mode})`, async () => {
      const rows = await sync(spillRows, async (w) => {
        w.declare([{ table: "t", primary_key: ["k"] }]);
        await w.apply({ t: "upsert", table: "t", data: { k: 3, v: "a" } });
        await w.apply({ t: "upsert", table: "t", data: { k: 4, v: "b" } });
        await w.checkpoint("{}");
        // The key column widens from BIGINT to FLOAT, and 3.0 is then the key of the first row.
        await w.apply({ t: "upsert", table: "t", data: { k: { $ft: "float", v: "3.0" }, v: "c" } });
        await w.apply({ t: "upsert", table: "t", data: { k: 5.5, v: "d" } });
        await w.checkpoint("{}");
      });
      expect(rows).toEqual([
        { k: "3.0", v: "c" },
        { k: "4.0", v: "b" },
        { k: "5.5", v: "d" },
      ]);
    });

    it(`meets a row kept in a key column's new text after the column widened twice (${mode})`, async () => {
      const rows = await sync(spillRows, async (w) => {
        w.declare([{ table: "t", primary_key: ["k"] }]);
        await w.apply({ t: "upsert", table: "t", data: { k: 1, v: "int" } });
        await w.checkpoint("{}");
        await w.apply({ t: "upsert", table: "t", data: { k: 1.5, v: "float" } });
        await w.checkpoint("{}");
        // "a" makes the key column VARCHAR, where the first row's key reads "1.0": the next row replaces it.
        await w.apply({ t: "upsert", table: "t", data: { k: "a", v: "letter" } });
        await w.apply({ t: "upsert", table: "t", data: { k: "1.0", v: "text" } });
        await w.checkpoint("{}");
      });
      expect(rows).toEqual([
        { k: "1.0", v: "text" },
        { k: "1.5", v: "float" },
        { k: "a", v: "letter" },
      ]);
    });
  }

  it("tells the keys of declared INT and SHORT key columns as a BIGINT's, so their new rows are appended straight in", () => {
    // Untold, every upsert of a declared INT key went through a staging table and INSERT ... ON CONFLICT; writing
    // early every two operations over 30 such tables (fidelity connector 164) ran DuckDB out of memory.
    // Integer cells are their text; a key is its own cast when the text is the value's.
    expect(castKey("5", "INTEGER")).toBe("5");
    expect(castKey("-7", "SMALLINT")).toBe("-7");
    expect(castKey("true", "INTEGER")).toBe("1");
    expect(castKey(String(2 ** 40), "INTEGER")).toBeUndefined();
    expect(castKey("40000", "SMALLINT")).toBeUndefined();
    expect(castKey(null, "INTEGER")).toBeUndefined();
    expect(castKey("2.5", "DOUBLE")).toBeUndefined();
  });
});

describe("cellKey", () => {
  it("keys a declared _fivetran_synced key by the time the writer stamped, apart from any text (fidelity 193)", () => {
    expect(cellKey(1_700_000_000_000_001)).toBe(cellKey(1_700_000_000_000_001));
    expect(cellKey(1_700_000_000_000_001)).not.toBe(cellKey(1_700_000_000_000_002));
    expect(cellKey(1_700_000_000_000_001)).not.toBe(cellKey("1700000000000001"));
  });
});
