import { describe, expect, it } from "vitest";
import { sessionOverWarehouse } from "../helpers/session.js";

// The harness sends consecutive rows of one table and shape as one {"t":"rows"} record (issue 11's bench). The
// session folds them exactly as single rows: counted one by one, applied in order, into the real warehouse.
async function session() {
  const { s, writer, tracker, acks, feed } = await sessionOverWarehouse("session-rows-");
  await feed({ t: "schema", tables: [{ table: "items", primary_key: ["id"], name: "items", dest: "tester", column_names: { id: "id" } }] });
  await feed({ t: "table", table: "items", name: "items", dest: "tester" });
  await feed({ t: "shape", id: 0, cols: ["id", "v"], names: ["id", "v"] });
  return { s, writer, tracker, acks, feed };
}

describe("rows records", () => {
  it("are counted and applied row by row, updates and deletes too", async () => {
    const { s, writer, tracker, acks, feed } = await session();
    await feed({
      t: "rows",
      op: "upsert",
      table: "items",
      shape: 0,
      rows: [
        [1, "a"],
        [2, "b"],
        [3, "c"],
      ],
    });
    await feed({ t: "rows", op: "update", table: "items", shape: 0, rows: [[2, "B"]] });
    await feed({ t: "rows", op: "delete", table: "items", shape: 0, rows: [[3, null]] });
    await feed({ t: "checkpoint", text: '{"n":1}', shown: '{"n": 1}' });
    await s.checkpointed();
    expect(acks).toEqual(["done"]);
    expect(tracker.counts).toMatchObject({ upserts: 3, updates: 1, deletes: 1, checkpoints: 1 });
    expect(s.written).toEqual({ items: { upserts: 3, updates: 1, deletes: 1 } });
    expect(await writer.rowsPerTable()).toEqual({ items: 3 });
    await writer.close();
  });

  it("stop at the row the warehouse refuses: the rows before it and that row are counted, not those after", async () => {
    const { s, writer, tracker, feed } = await session();
    await expect(
      feed({
        t: "rows",
        op: "upsert",
        table: "items",
        shape: 0,
        rows: [
          [1, "a"],
          [null, "b"],
          [3, "c"],
        ],
      }),
    ).rejects.toThrow("Null primary key found while syncing table tester.items. Primary Key id is null in object.");
    expect(tracker.counts.upserts).toBe(2);
    expect(s.written).toEqual({ items: { upserts: 2, updates: 0, deletes: 0 } });
    await writer.close();
  });

  it("of an unknown shape or operation are an internal error, not a silent count", async () => {
    const { writer, feed } = await session();
    await expect(feed({ t: "rows", op: "upsert", table: "items", shape: 7, rows: [[1, "a"]] })).rejects.toThrow("unknown shape 7");
    await expect(feed({ t: "rows", op: "merge", table: "items", shape: 0, rows: [[1, "a"]] })).rejects.toThrow("unknown operation");
    await writer.close();
  });
});
