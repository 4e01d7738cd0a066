import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sessionOverWarehouse } from "../helpers/session.js";

// connector.debug(configuration=…) while connector.py loads runs a whole sync before `fivetran debug`'s own (fidelity
// 555). The harness ends that first sync with a {"t":"sync_end"} record: the session commits its rows as a sync's end
// does, answers, and counts the next sync afresh in the same warehouse.
const SCHEMA = { t: "schema", tables: [{ table: "items", primary_key: ["id"], name: "items", dest: "tester", column_names: { id: "id" } }] };

const session = () => sessionOverWarehouse("session-sync-end-");

const state = (dir: string) => readFileSync(join(dir, "files", "state.json"), "utf8");

describe("a sync_end record", () => {
  it("commits the rows after the last checkpoint, keeps its state, and starts the counts again", async () => {
    const { dir, s, writer, tracker, acks, feed } = await session();
    await feed({ t: "start_state", text: "{}" });
    await feed(SCHEMA);
    await feed({ t: "table", table: "items", name: "items", dest: "tester" });
    await feed({ t: "shape", id: 0, cols: ["id", "v"], names: ["id", "v"] });
    await feed({ t: "rows", op: "upsert", table: "items", shape: 0, rows: [[1, "a"]] });
    await feed({ t: "checkpoint", text: '{"n":1}', shown: '{"n": 1}' });
    await feed({ t: "rows", op: "upsert", table: "items", shape: 0, rows: [[2, "b"]] });
    await feed({ t: "sync_end" });
    await s.checkpointed();
    expect(acks).toEqual(["done", "done"]);
    expect(await writer.rowsPerTable()).toEqual({ items: 2 });
    expect(state(dir)).toBe('{"n":1}');
    expect(tracker.counts).toEqual({ upserts: 0, updates: 0, deletes: 0, truncates: 0, schemaChanges: 0, checkpoints: 0, fileUploads: 0 });
    expect(s.committedState).toEqual({ n: 1 });

    // `fivetran debug`'s own sync: declared again, its own rows and checkpoint, counted alone.
    await feed({ t: "start_state", text: '{"n":1}' });
    await feed(SCHEMA);
    await feed({ t: "rows", op: "upsert", table: "items", shape: 0, rows: [[3, "c"]] });
    await feed({ t: "checkpoint", text: '{"n":2}', shown: '{"n": 2}' });
    await s.checkpointed();
    expect(tracker.counts).toMatchObject({ upserts: 1, schemaChanges: 1, checkpoints: 1 });
    expect(await writer.rowsPerTable()).toEqual({ items: 3 });
    expect(s.finalStateText({})).toBe('{"n":2}');
    await writer.close();
  });

  it("after a sync that never checkpointed writes the state it started from", async () => {
    const { dir, s, writer, tracker, feed } = await session();
    await feed({ t: "start_state", text: '{"from":"argument"}' });
    await feed(SCHEMA);
    await feed({ t: "table", table: "items", name: "items", dest: "tester" });
    await feed({ t: "shape", id: 0, cols: ["id", "v"], names: ["id", "v"] });
    await feed({ t: "rows", op: "upsert", table: "items", shape: 0, rows: [[1, "a"]] });
    await feed({ t: "sync_end" });
    await s.checkpointed();
    expect(state(dir)).toBe('{"from":"argument"}');
    expect(await writer.rowsPerTable()).toEqual({ items: 1 });
    expect(tracker.counts.upserts).toBe(0);
    // The next sync starts from the file: with no checkpoint of its own, its end writes its own start state.
    await feed({ t: "start_state", text: '{"from":"file"}' });
    expect(s.finalStateText({})).toBe('{"from":"file"}');
    await writer.close();
  });
});
