// A connector may leave a thread that is not a daemon running after update() returns (a heartbeat, a pool it did
// not shut down). Python, and so `fivetran debug`, waits for such threads before the process ends: the harness does
// too (fidelity 204), but a thread that never ends must not turn a finished sync into a timeout minutes later.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { EXIT_3_AFTER_SYNC, HEADER, HEARTBEAT, makeConnector } from "./helpers.js";

describe("threads still running after the sync", () => {
  it("a sync that succeeded is reported succeeded once its lingering threads have had their grace, with a warning naming them", async () => {
    const started = Date.now();
    const r = await runSync({ projectDir: makeConnector(`${HEARTBEAT}connector = Connector(update=update)\n`), engine: "embedded", timeoutSeconds: 120 });
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ t: 1 });
    expect(r.state).toEqual({ n: 1 });
    expect(r.warnings.join("\n")).toMatch(/heartbeat/);
    expect(r.warnings.join("\n")).toMatch(/daemon/);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it("a sync that failed keeps its own error, not a timeout", async () => {
    const code = `${HEARTBEAT.replace('op.checkpoint({"n": 1})', 'op.checkpoint({"n": 1})\n    raise ValueError("boom")')}connector = Connector(update=update)\n`;
    const r = await runSync({ projectDir: makeConnector(code), engine: "embedded", timeoutSeconds: 120 });
    expect(r.status).toBe("failed");
    expect(r.error?.message).toContain("boom");
    expect(r.warnings.join("\n")).toMatch(/heartbeat/);
  }, 120_000);
});

describe("threads that end on their own at the process's end", () => {
  it("the idle workers of a ThreadPoolExecutor left open are not named: they end at once when the process ends", async () => {
    const code = `from concurrent.futures import ThreadPoolExecutor
${HEADER}
pool = ThreadPoolExecutor(max_workers=4)

def fetch(i):
    return {"id": i}

def update(configuration, state):
    for row in pool.map(fetch, range(20)):
        op.upsert("t", row)
    op.checkpoint({"n": 1})
connector = Connector(update=update)
`;
    const r = await runSync({ projectDir: makeConnector(code), engine: "embedded", timeoutSeconds: 60 });
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ t: 20 });
    expect(r.warnings.join("\n")).not.toMatch(/not daemons/);
  }, 60_000);

  it("a pool worker still busy after update() returned is named", async () => {
    const code = `import time
from concurrent.futures import ThreadPoolExecutor
${HEADER}
pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slowpool")

def update(configuration, state):
    pool.submit(time.sleep, 3)
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})
connector = Connector(update=update)
`;
    const r = await runSync({ projectDir: makeConnector(code), engine: "embedded", timeoutSeconds: 60 });
    expect(r.status).toBe("succeeded");
    expect(r.warnings.join("\n")).toMatch(/slowpool_0/);
  }, 60_000);
});

describe("files a thread writes after the sync", () => {
  it("files/state.json written by a thread after a sync that never checkpointed stays (fivetran debug's final flush wrote before it)", async () => {
    const code = `import threading, time, os
${HEADER}
def late():
    time.sleep(0.5)
    with open(os.path.join("files", "state.json"), "w") as f:
        f.write('{"mine": 1}')

def update(configuration, state):
    threading.Thread(target=late).start()
    op.upsert("t", {"id": 1})
connector = Connector(update=update)
`;
    const dir = makeConnector(code);
    const r = await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 60 });
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ t: 1 });
    expect(readFileSync(join(dir, "files", "state.json"), "utf8")).toBe('{"mine": 1}');
  }, 60_000);
});

describe("processes that outlive the sync", () => {
  it("a multiprocessing child that is not a daemon, left running: Python's end joins it; the warning names it", async () => {
    const code = `import multiprocessing, time
${HEADER}
def child():
    time.sleep(60)

def update(configuration, state):
    multiprocessing.get_context("fork").Process(target=child, name="kid").start()
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})
connector = Connector(update=update)
`;
    const r = await runSync({ projectDir: makeConnector(code), engine: "embedded", timeoutSeconds: 60 });
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ t: 1 });
    expect(r.warnings.join("\n")).toMatch(/multiprocessing.*\(kid\)/);
  }, 60_000);
});

// After the end record the SDK has already flushed and printed SYNC SUCCEEDED: what ends the process later (a
// thread's or an atexit handler's os._exit, the time limit) changes its exit code, never the rows it wrote.
const AFTER_CHECKPOINT = `
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})
    op.upsert("t", {"id": 2})
`;

describe("the process ends badly after the sync ended", () => {
  it("os._exit(3) in a thread after update() returned: the final flush is kept, exit code 3 (fivetran debug: SYNC SUCCEEDED, exit 3, both rows)", async () => {
    const r = await runSync({ projectDir: makeConnector(EXIT_3_AFTER_SYNC), engine: "embedded", timeoutSeconds: 60 });
    expect(r.rowsPerTable).toEqual({ t: 2 });
    expect(r.state).toEqual({ n: 1 });
    expect(r.exitCode).toBe(3);
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("exit");
    expect(r.error?.message).toMatch(/after the sync succeeded/);
  }, 60_000);

  it("os._exit(5) in an atexit handler: the same (fivetran debug: SYNC SUCCEEDED, exit 5, both rows)", async () => {
    const code = `import atexit, os
${HEADER}
atexit.register(lambda: os._exit(5))

def update(configuration, state):${AFTER_CHECKPOINT}
connector = Connector(update=update)
`;
    const r = await runSync({ projectDir: makeConnector(code), engine: "embedded", timeoutSeconds: 60 });
    expect(r.rowsPerTable).toEqual({ t: 2 });
    expect(r.exitCode).toBe(5);
    expect(r.error?.message).toMatch(/after the sync succeeded/);
  }, 60_000);

  it("the time limit passing while a thread lingers after the sync: the sync's own outcome, not a timeout (fivetran debug: SYNC SUCCEEDED, both rows, then hangs)", async () => {
    const code = `${HEARTBEAT}    op.upsert("t", {"id": 2})\n\nconnector = Connector(update=update)\n`;
    const r = await runSync({ projectDir: makeConnector(code), engine: "embedded", timeoutSeconds: 3 });
    expect(r.status).toBe("succeeded");
    expect(r.error).toBeUndefined();
    expect(r.rowsPerTable).toEqual({ t: 2 });
    expect(r.warnings.join("\n")).toMatch(/time limit/);
  }, 60_000);

  it("the output limit passed by a thread printing after the sync: the sync's own outcome, its rows kept (fivetran debug: SYNC SUCCEEDED, both rows)", async () => {
    const code = `import threading, time
${HEADER}
def chatty():
    time.sleep(0.3)
    for i in range(100000):
        print("heartbeat %d %s" % (i, "x" * 50))

def update(configuration, state):
    threading.Thread(target=chatty, name="chatty").start()${AFTER_CHECKPOINT}
connector = Connector(update=update)
`;
    const r = await runSync({ projectDir: makeConnector(code), engine: "embedded", timeoutSeconds: 60, outputLimitMb: 1 });
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ t: 2 });
    expect(r.warnings.join("\n")).toMatch(/output limit \(1 MB\) was passed after the sync ended/);
  }, 60_000);

  it("a cancel while a thread lingers after the sync: the sync's own outcome, its rows kept (Ctrl-C on fivetran debug then: both rows written)", async () => {
    const code = `${HEARTBEAT}    op.upsert("t", {"id": 2})\n\nconnector = Connector(update=update)\n`;
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 3_000);
    const r = await runSync({ projectDir: makeConnector(code), engine: "embedded", timeoutSeconds: 60, signal: abort.signal });
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ t: 2 });
    expect(r.warnings.join("\n")).toMatch(/cancelled after the sync ended/);
  }, 60_000);
});
