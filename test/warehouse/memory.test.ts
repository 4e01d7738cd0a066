// The writer's DuckDB memory: what a sync may use, as the SDK's DuckDB may.
import { describe, expect, it } from "vitest";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { dump, tempProject } from "./helpers.js";

describe("the writer's memory", () => {
  it("updates rows of 50 tables of 50 columns in one checkpoint, as the SDK does", async () => {
    // DuckDB holds what a transaction changed in each table until the transaction ends, column by column (measured
    // apart: some 20 MB for an ON CONFLICT update of one row of a 50-column table). 50 such tables came to more than
    // the 256 MB the writer once allowed DuckDB, and the sync failed with "Failed to commit: could not allocate
    // block" where `fivetran debug`, whose DuckDB keeps its default limit (80% of the machine's memory), succeeds
    // (fidelity connector 298: 1.1 GB under the SDK).
    const dir = tempProject("memory-");
    const w = await WarehouseWriter.open(dir);
    const columns = Array.from({ length: 50 }, (_, c) => `column_${c}`);
    const row = (id: number, text: string) => ({ id, ...Object.fromEntries(columns.map((c) => [c, `${text} ${c} ${id}`])) });
    await w.apply({ t: "schema", tables: Array.from({ length: 50 }, (_, t) => ({ table: `table_${t}`, primary_key: ["id"] })) });
    for (let t = 0; t < 50; t++) for (let id = 0; id < 3; id++) await w.apply({ t: "upsert", table: `table_${t}`, data: row(id, "first") });
    await w.checkpoint(JSON.stringify({ pass: 1 }));
    for (let t = 0; t < 50; t++) for (let id = 2; id < 4; id++) await w.apply({ t: "upsert", table: `table_${t}`, data: row(id, "changed") });
    await w.checkpoint(JSON.stringify({ pass: 2 }));
    await w.close();
    expect(await dump(dir, "SELECT id, column_7 FROM tester.table_49 ORDER BY id")).toEqual([
      { id: "0", column_7: "first column_7 0" },
      { id: "1", column_7: "first column_7 1" },
      { id: "2", column_7: "changed column_7 2" },
      { id: "3", column_7: "changed column_7 3" },
    ]);
  }, 120_000);
});
