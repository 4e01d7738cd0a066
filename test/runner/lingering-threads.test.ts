// A connector may leave a thread that is not a daemon running after update() returns (a heartbeat, a pool it did
// not shut down). Python, and so `fivetran debug`, waits for such threads before the process ends: the harness does
// too (fidelity 204), but a thread that never ends must not turn a finished sync into a timeout minutes later.
import { describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { HEADER, makeConnector } from "./helpers.js";

const HEARTBEAT = `import threading, time
${HEADER}
def beat():
    while True:
        time.sleep(0.2)

def update(configuration, state):
    threading.Thread(target=beat, name="heartbeat").start()
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})
`;

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
