import { describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { HEADER, makeConnector } from "./helpers.js";

// Real python3, the real harness and the real WarehouseWriter: the two behaviours of SDK 3.0 the embedded engine
// once lacked (docs/fidelity.md), checked on what a user sees (counts, errors, rowsPerTable).
describe("embedded engine: source schemas and failed operations (SDK 3.0)", () => {
  it("writes tables named with schema= to tester_<schema>, apart from same-named tables in tester", async () => {
    const dir = makeConnector(`${HEADER}
def schema(configuration):
    return [{"table": "orders", "schema": "Sales", "primary_key": ["id"]}, {"table": "orders", "primary_key": ["id"]}]

def update(configuration, state):
    op.upsert("orders", {"id": 1, "v": "sales"}, schema="Sales")
    op.upsert("orders", {"id": 1, "v": "default"})
    op.upsert("orders", {"id": 2, "v": "default"})
    op.upsert("Refunds", {"id": 1}, schema="after.Sales")
    op.delete("orders", {"id": 1}, schema="Sales")
    op.truncate("orders", schema="Sales")
    op.checkpoint({})

connector = Connector(update=update, schema=schema)
`);
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.error).toBeUndefined();
    expect(r.counts).toEqual({ upserts: 4, updates: 0, deletes: 1, truncates: 1, schemaChanges: 2, checkpoints: 1, fileUploads: 0 });
    // Keys are what query_warehouse takes: unqualified names are tables of tester.
    expect(r.rowsPerTable).toEqual({ orders: 2, "tester_sales.orders": 1, "tester_after_sales.refunds": 1 });
  });

  it("refuses schema= values the SDK refuses, with its message", async () => {
    const dir = makeConnector(`${HEADER}
def update(configuration, state):
    op.upsert("t", {"id": 1}, schema=" ")
connector = Connector(update=update)
`);
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.status).toBe("failed");
    expect(r.error?.message).toBe("failed while executing update() error: 'schema' must be a non-empty string");
    const d2 = makeConnector(`${HEADER}
def schema(configuration):
    return [{"table": "t", "schema": 5}]
def update(configuration, state):
    pass
connector = Connector(update=update, schema=schema)
`);
    const r2 = await runSync({ projectDir: d2, engine: "embedded" });
    expect(r2.error?.message).toBe("failed while executing schema() error: 'schema' must be a string, got int");
  });

  it("raises a null primary key at the call, counts neither it nor later operations, and fails the sync", async () => {
    const dir = makeConnector(`${HEADER}
def schema(configuration):
    return [{"table": "keyed", "schema": "Sales", "primary_key": ["orderId"], "columns": {"v": "STRING"}}]

def update(configuration, state):
    op.upsert("keyed", {"orderId": 1, "v": "a"}, schema="Sales")
    op.checkpoint({"n": 1})
    caught = []
    for call in (lambda: op.upsert("keyed", {"orderId": None}, schema="Sales"),
                 lambda: op.upsert("keyed", {"orderId": 2}, schema="Sales"),
                 lambda: op.truncate("other"),
                 lambda: op.checkpoint({"n": 2})):
        try:
            call()
        except Exception as e:
            caught.append(str(e))
    log.info("caught %d %s" % (len(caught), len(set(caught))))

connector = Connector(update=update, schema=schema)
`);
    const logs: string[] = [];
    const r = await runSync({ projectDir: dir, engine: "embedded", onLog: (_l, m) => logs.push(m) });
    expect(r.status).toBe("failed");
    expect(r.counts).toEqual({ upserts: 1, updates: 0, deletes: 0, truncates: 0, schemaChanges: 1, checkpoints: 1, fileUploads: 0 });
    // update() returned, having caught every error: the SDK reports the failure as it was raised, with no prefix.
    expect(r.error?.message).toBe("Null primary key found while syncing table tester_sales.keyed. Primary Key order_id is null in object.");
    // Raised in the connector's frame: the error points at the first failing call (the lambda on line 10).
    expect(r.error?.line).toBe(10);
    expect(logs.join("\n")).toContain("caught 4 1");
    expect(r.state).toEqual({ n: 1 });
    expect(r.rowsPerTable).toEqual({ "tester_sales.keyed": 1 });
  });

  it("treats a key missing from an update or delete as null, and a renamed spelling of the key as the key", async () => {
    const dir = makeConnector(`${HEADER}
def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}]

def update(configuration, state):
    op.upsert("t", {"ID": 1, "v": "spelled ID, renamed to id"})
    op.upsert("untyped", {"v": None})
    op.checkpoint({})
    op.update("t", {"v": "no key"})

connector = Connector(update=update, schema=schema)
`);
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.status).toBe("failed");
    expect(r.counts.upserts).toBe(2);
    expect(r.counts.updates).toBe(0);
    expect(r.error?.message).toBe("failed while executing update() error: Null primary key found while syncing table tester.t. Primary Key id is null in object.");
    expect(r.rowsPerTable).toEqual({ t: 1, untyped: 1 });
  });
});
