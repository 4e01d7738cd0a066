import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { HEADER, makeConnector } from "./helpers.js";

// The operation channel (src/runner/harness/fivetran_connector_sdk/_channel.py) as the runner sees it: what
// reaches it when the connector ends abruptly, from several threads, or after the runner has stopped reading.
// Real python3, the real harness, real DuckDB.
const embedded = (dir: string, extra: Record<string, unknown> = {}) => runSync({ projectDir: dir, engine: "embedded", ...extra });
const SCHEMA = `connector = Connector(update=update, schema=lambda c: [{"table": "items", "primary_key": ["id"]}])\n`;

describe("operation channel", () => {
  // A connector that ends while the runner is still applying what it sent before the warehouse opened loses the
  // rest of its output (Node resumes a paused stdio stream when the child exits). Loading DuckDB once here keeps
  // these tests, which end their connectors early on purpose, clear of that window.
  beforeAll(async () => {
    await embedded(makeConnector(`${HEADER}\ndef update(configuration, state):\n    op.upsert("t", {"id": 1})\n\nconnector = Connector(update=update)\n`));
  });

  it("a checkpoint followed by os._exit(0) is committed; the few rows after it are not sent", async () => {
    const r = await embedded(
      makeConnector(`import os
${HEADER}
def update(configuration, state):
    for i in range(50000):
        op.upsert("items", {"id": i, "v": "row %d" % i})
    op.checkpoint({"n": 50000})
    for i in range(10):
        op.upsert("items", {"id": 100000 + i})
    os._exit(0)
${SCHEMA}`),
    );
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("exit");
    expect(r.error?.message).toContain("exited with code 0");
    expect(r.state).toEqual({ n: 50000 });
    expect(r.rowsPerTable).toEqual({ items: 50000 });
    // The ten rows after the checkpoint were still in the harness's buffer when the process ended.
    expect(r.counts).toMatchObject({ upserts: 50000, checkpoints: 1 });
  });

  it("a checkpoint the runner has not read yet when the connector calls os._exit is still committed", async () => {
    // 40 MB of rows in 20 KB values: the runner lags, so the checkpoint is still on its way when the process ends.
    const r = await embedded(
      makeConnector(`import os
${HEADER}
def update(configuration, state):
    blob = "x" * 20000
    for i in range(2000):
        op.upsert("items", {"id": i, "blob": blob})
    op.checkpoint({"n": 2000})
    os._exit(0)
${SCHEMA}`),
    );
    expect(r.error?.kind).toBe("exit");
    expect(r.state).toEqual({ n: 2000 });
    expect(r.rowsPerTable).toEqual({ items: 2000 });
    expect(r.counts).toMatchObject({ upserts: 2000, checkpoints: 1 });
  });

  it("sys.exit(0) after 50,000 rows: every row reaches the runner, the checkpoint before it is kept", async () => {
    const r = await embedded(
      makeConnector(`import sys
${HEADER}
def update(configuration, state):
    for i in range(50000):
        op.upsert("items", {"id": i, "v": "row %d" % i})
        if i == 24999:
            op.checkpoint({"n": 25000})
    sys.exit(0)
${SCHEMA}`),
    );
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("exit");
    expect(r.error?.message).toBe("update() called sys.exit(0); the sync stopped there (exit code 0). Raise an exception instead to fail a sync.");
    // `fivetran debug` ends with the code the connector gave sys.exit().
    expect(r.exitCode).toBe(0);
    expect(r.state).toEqual({ n: 25000 });
    expect(r.rowsPerTable).toEqual({ items: 25000 });
    expect(r.counts).toMatchObject({ upserts: 50000, checkpoints: 1 });
  });

  it("an exception after 50,000 rows: every row is counted and the error is reported with its line", async () => {
    const r = await embedded(
      makeConnector(`${HEADER}
def update(configuration, state):
    for i in range(50000):
        op.upsert("items", {"id": i, "v": "row %d" % i})
        if i == 9999:
            op.checkpoint({"n": 10000})
    raise ValueError("after 50000")
${SCHEMA}`),
    );
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("connector_exception");
    expect(r.error?.message).toBe("failed while executing update() error: after 50000");
    expect(r.error?.line).toBe(8);
    expect(r.state).toEqual({ n: 10000 });
    expect(r.rowsPerTable).toEqual({ items: 10000 });
    expect(r.counts).toMatchObject({ upserts: 50000, checkpoints: 1 });
  });

  it("a successful sync ending right after many rows sends them all, with its end", async () => {
    const r = await embedded(
      makeConnector(`${HEADER}
def update(configuration, state):
    for i in range(30000):
        op.upsert("items", {"id": i})
    log.info("last words")
${SCHEMA}`),
    );
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ items: 30000 });
    expect(r.logTail.join("\n")).toContain("last words");
  });

  it("a log line reaches the runner while the connector goes on waiting", async () => {
    const seen: number[] = [];
    const r = await embedded(
      makeConnector(`import time
${HEADER}
def update(configuration, state):
    for i in range(1000):
        op.upsert("items", {"id": i})
    time.sleep(0.1)
    log.info("waiting for the API")
    time.sleep(1.5)
${SCHEMA}`),
      { onLog: (_l: string, m: string) => m.includes("waiting for the API") && seen.push(Date.now()) },
    );
    const ended = Date.now();
    expect(r.status).toBe("succeeded");
    expect(seen).toHaveLength(1);
    expect(ended - seen[0]).toBeGreaterThan(1000);
  });

  it("rows from several connector threads keep each thread's order, and shapes precede their rows", async () => {
    const dir = makeConnector(`import threading
${HEADER}
N = 20000

def work(k):
    for i in range(N):
        # A column set of its own per thread and step: shapes are declared from every thread as they come.
        row = {"thread": k, "i": i}
        row["c%d_%d" % (k, i % 7)] = i
        op.upsert("last", row)
        op.upsert("seq", {"id": k * N + i, "thread": k, "i": i})
        if i % 5000 == 4999:
            log.info("thread %d at %d" % (k, i + 1))

def update(configuration, state):
    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    op.checkpoint({"done": True})

connector = Connector(update=update, schema=lambda c: [{"table": "last", "primary_key": ["thread"]}, {"table": "seq", "primary_key": ["id"]}])
`);
    const r = await embedded(dir);
    expect(r.error).toBeUndefined();
    expect(r.counts).toMatchObject({ upserts: 160000, checkpoints: 1 });
    const { queryWarehouse } = await import("../../src/warehouse/query.js");
    // Each thread upserted its own key 20,000 times in order: the last value wins only if the order held.
    const last = await queryWarehouse(dir, "SELECT thread, i FROM last ORDER BY thread");
    expect(last.rows).toEqual([0, 1, 2, 3].map((k) => [k, 19999]));
    const seq = await queryWarehouse(dir, "SELECT count(*), count(DISTINCT id) FROM seq");
    expect(seq.rows[0]).toEqual([80000, 80000]);
  });

  it.runIf(existsSync("/proc/self/status"))("a connector far ahead of a slow runner waits for it: Python's memory stays within the channel's limit", async () => {
    // Rows of 20 KB: the runner's JSON and DuckDB work per byte is well above the connector's, so the connector
    // keeps running into the channel's limit; without one, 160 MB of rows peaked 16 to 60 MB higher than 16 MB
    // did. The peak is the connector's own VmHWM: the run's peakRssMb (ru_maxrss) also counts what the process
    // held before exec.
    const run = async (rows: number) => {
      const r = await embedded(
        makeConnector(`import sys
${HEADER}
from fivetran_connector_sdk import _channel

def update(configuration, state):
    blob = "x" * 20000
    for i in range(${rows}):
        op.upsert("items", {"id": i, "blob": blob})
    with open("/proc/self/status") as f:
        print("peak %s limit %d" % ([l for l in f if l.startswith("VmHWM:")][0].split()[1], _channel._LIMIT), file=sys.stderr)
${SCHEMA}`),
      );
      expect(r.status).toBe("succeeded");
      expect(r.rowsPerTable).toEqual({ items: rows });
      const m = /peak (\d+) limit (\d+)/.exec(r.logTail.join("\n"));
      return { peakMb: Number(m?.[1]) / 1024, limitMb: Number(m?.[2]) / 2 ** 20 };
    };
    const small = await run(800);
    const large = await run(8000);
    expect(small.peakMb).toBeGreaterThan(1);
    expect(large.limitMb).toBeLessThanOrEqual(8);
    expect(large.peakMb).toBeLessThan(small.peakMb + large.limitMb + 4);
  });

  it("a channel the runner stops reading fails the connector's next write with BrokenPipeError, as a write would", async () => {
    // Shutting down the socket's sending side is what the connector sees when the runner's end is gone.
    const r = await embedded(
      makeConnector(`import os, socket, sys
${HEADER}
def update(configuration, state):
    s = socket.socket(fileno=os.dup(3))
    s.shutdown(socket.SHUT_WR)
    s.close()
    try:
        for i in range(200000):
            op.upsert("items", {"id": i, "v": "x" * 100})
    except OSError as e:
        print("rows: %s %s" % (type(e).__name__, e.errno), file=sys.stderr, flush=True)
    try:
        op.checkpoint({"n": 6})
    except OSError as e:
        print("checkpoint: %s %s" % (type(e).__name__, e.errno), file=sys.stderr, flush=True)
    os._exit(5)
${SCHEMA}`),
    );
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("exit");
    expect(r.error?.message).toContain("exited with code 5");
    expect(r.counts.checkpoints).toBe(0);
    const logs = r.logTail.join("\n");
    expect(logs).toContain("rows: BrokenPipeError 32");
    expect(logs).toContain("checkpoint: BrokenPipeError 32");
  });
});
