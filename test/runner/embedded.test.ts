import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { FAIL_AFTER_CHECKPOINT, HEADER, makeConnector } from "./helpers.js";

// Real python3, the real harness, the real WarehouseWriter on real DuckDB files.
describe("embedded engine", () => {
  it("runs both yield styles, counts operations and commits to the warehouse", async () => {
    const dir = makeConnector(
      `${HEADER}
def schema(configuration):
    return [{"table": "items", "primary_key": ["id"], "columns": {"id": "INT"}}]

def update(configuration, state):
    log.info("hello " + configuration["region"])
    for i in range(5):
        op.upsert("items", {"id": i, "price": i * 1.5})
    yield op.update("items", {"id": 0, "price": 9.0})
    yield op.delete("items", {"id": 1})
    print("printed to stdout")
    op.checkpoint({"cursor": 5})
    op.upsert("userData", {"a": 1})

connector = Connector(update=update, schema=schema)
`,
      { region: "eu-west" },
    );
    const logs: string[] = [];
    const r = await runSync({ projectDir: dir, engine: "embedded", onLog: (_l, m) => logs.push(m) });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("succeeded");
    expect(r.engine).toBe("embedded");
    expect(r.counts).toEqual({ upserts: 6, updates: 1, deletes: 1, truncates: 0, schemaChanges: 1, checkpoints: 1, fileUploads: 0 });
    expect(r.rowsPerTable).toEqual({ items: 5, user_data: 1 });
    expect(r.state).toEqual({ cursor: 5 });
    expect(JSON.parse(readFileSync(join(dir, "files", "state.json"), "utf8"))).toEqual({ cursor: 5 });
    expect(logs.some((l) => l.includes("printed to stdout"))).toBe(true);
    // Only secrets are masked: a region is not one, and the agent needs to see it (test/redteam/secrets.test.ts).
    expect(logs.join("\n")).toContain("hello eu-west");
    expect(r.peakRssMb).toBeGreaterThan(1);
  });

  it.runIf(existsSync("/proc/sys/net/core/wmem_max"))("widens the operation channel's buffer as far as the kernel allows", async () => {
    // Node hands the channel (fd 3) over as a Unix socket; its send buffer is what the connector can write ahead
    // while the runner is busy with DuckDB. Linux caps a request at net.core.wmem_max and doubles it.
    const dir = makeConnector(`${HEADER}
import os, socket

def update(configuration, state):
    s = socket.socket(fileno=os.dup(3))
    log.info("sndbuf %d" % s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))
    s.close()

connector = Connector(update=update)
`);
    const logs: string[] = [];
    const r = await runSync({ projectDir: dir, engine: "embedded", onLog: (_l, m) => logs.push(m) });
    expect(r.status).toBe("succeeded");
    const sndbuf = Number(/sndbuf (\d+)/.exec(logs.join("\n"))?.[1]);
    const wmemMax = Number(readFileSync("/proc/sys/net/core/wmem_max", "utf8"));
    expect(sndbuf).toBe(Math.min(4 << 20, wmemMax) * 2);
  });

  it("reads rows of many tables and shapes, interleaved, whatever their names hold", async () => {
    // Rows travel as value lists of shapes (src/protocol.ts); shapes change from row to row here, and a
    // table name and values hold quotes and the channel's own key text.
    const dir = makeConnector(`${HEADER}
ODD = 'odd,"values":[0]}'

def schema(configuration):
    return [{"table": "plain", "primary_key": ["id"]}, {"table": ODD, "primary_key": ["k"]}]

def update(configuration, state):
    for i in range(40):
        op.upsert("plain", {"id": i, "v": i})
        op.upsert("plain", {"id": i, "v": i, "extra": "x%d" % i} if i % 3 == 0 else {"id": i, "v": i + 1})
        op.upsert(ODD, {"k": i, "note": 'say ,"values":[1] to "%d"' % i})
        if i % 5 == 0:
            op.update("plain", {"id": i, "v": -i})
            op.delete(ODD, {"k": i})
    op.checkpoint({"done": True})

connector = Connector(update=update, schema=schema)
`);
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.error).toBeUndefined();
    expect(r.counts).toMatchObject({ upserts: 120, updates: 8, deletes: 8 });
    const { queryWarehouse } = await import("../../src/warehouse/query.js");
    const plain = await queryWarehouse(dir, "SELECT count(*) AS n, sum(v) AS v, count(extra) AS extra FROM plain");
    // Every id ends with v = i + 1 (i % 3 != 0) or i, except every fifth, updated to -i.
    const expected = Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? -i : i % 3 === 0 ? i : i + 1)).reduce((a, b) => a + b, 0);
    expect(plain.rows[0]).toEqual([40, expected, 14]);
    const odd = await queryWarehouse(dir, "SELECT count(*) AS n, count(*) FILTER (WHERE _fivetran_deleted) AS deleted, min(note) AS note FROM odd_values_0_");
    expect(odd.rows[0]).toEqual([40, 8, 'say ,"values":[1] to "0"']);
  });

  it("rolls back to the last checkpoint on failure, redacts the secret, and continues on the next run", async () => {
    const dir = makeConnector(FAIL_AFTER_CHECKPOINT, { api_key: "sk-very-secret-1" });
    const r1 = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r1.status).toBe("failed");
    expect(r1.error?.kind).toBe("connector_exception");
    expect(r1.error?.message).toBe("failed while executing update() error: boom ****");
    expect(r1.error?.file).toBe(join(dir, "connector.py"));
    expect(r1.error?.line).toBe(10);
    expect(r1.error?.tracebackTail).toContain("RuntimeError");
    expect(JSON.stringify(r1)).not.toContain("sk-very-secret-1");
    expect(r1.rowsPerTable).toEqual({ items: 3 });
    expect(r1.state).toEqual({ n: 3 });
    const r2 = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r2.status).toBe("succeeded");
    expect(r2.state).toEqual({ n: 6 });
    expect(r2.rowsPerTable).toEqual({ items: 7 });
    const r3 = await runSync({ projectDir: dir, engine: "embedded", reset: true, state: { n: 50 } });
    expect(r3.state).toEqual({ n: 53 });
    expect(r3.rowsPerTable).toEqual({ items: 4 });
  });

  it("leaves files/state.json as the connector left it after its last checkpoint, as the SDK's final flush does", async () => {
    // The SDK writes state.json at each checkpoint, and at the end only when the sync never checkpointed
    // (fidelity 198): a file the connector wrote or removed after its last checkpoint stays so.
    const dir = makeConnector(`${HEADER}
import os

def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})
    op.upsert("t", {"id": 2})
    path = os.path.join("files", "state.json")
    if configuration.get("mode") == "remove":
        os.remove(path)
    else:
        with open(path, "w") as f:
            f.write(' {"n": 1, "by": "hand"} ')

connector = Connector(update=update)
`);
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ t: 2 });
    expect(readFileSync(join(dir, "files", "state.json"), "utf8")).toBe(' {"n": 1, "by": "hand"} ');
    const removed = makeConnector(readFileSync(join(dir, "connector.py"), "utf8"), { mode: "remove" });
    expect((await runSync({ projectDir: removed, engine: "embedded" })).status).toBe("succeeded");
    expect(existsSync(join(removed, "files", "state.json"))).toBe(false);
  });
});
