import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { setDebugMemoryLimitForTests } from "../../src/runner/embedded.js";
import { runSync } from "../../src/runner/index.js";
import type { RunResult } from "../../src/runner/types.js";
import { realSdkPython } from "../helpers/env.js";
import { makeConnector } from "./helpers.js";

// `fivetran debug` watches its process's resident memory while update() runs (a thread sampling VmRSS every
// second) and, past 4 GiB, logs two SEVERE lines and ends with os._exit(1): no verdict, the rows after the last
// checkpoint lost. Holding 4 GiB twice in a test is too much for a developer's machine, so both engines get a lower
// limit: the SDK's through its own constant (set by the connector as it loads; the embedded engine has no such
// module), the embedded engine's through its test seam.
const LIMIT_MB = 200;
const CONNECTOR = `import time
try:
    import fivetran_connector_sdk_common.constants as sdk_constants
    sdk_constants.MEMORY_LIMIT_BYTES = ${LIMIT_MB} * 1024 ** 2
except ImportError:
    pass
from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"n": 1})
    op.upsert("items", {"id": 2})
    hoard = bytearray(450 * 1024 * 1024)
    for i in range(0, len(hoard), 4096):
        hoard[i] = 1
    time.sleep(4)
    op.upsert("items", {"id": 3})
    op.checkpoint({"n": 3})

connector = Connector(update=update)
`;

const python = realSdkPython();
process.env.DO_NOT_TRACK = "1";

/** What both engines must agree on. */
function verdict(r: RunResult) {
  return {
    status: r.status,
    exitCode: r.exitCode,
    kind: r.error?.kind,
    message: r.error?.message.replace(/used: \d+\.\d\d GB/, "used: <n> GB"),
    rows: r.rowsPerTable,
    state: r.state,
  };
}

describe("the memory limit of fivetran debug", () => {
  afterEach(() => setDebugMemoryLimitForTests(undefined));

  it("the embedded engine ends a connector past the limit as fivetran debug does", async () => {
    setDebugMemoryLimitForTests(LIMIT_MB * 1024 * 1024);
    const dir = makeConnector(CONNECTOR);
    const r = await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 60 });
    expect(verdict(r)).toEqual({
      status: "failed",
      exitCode: 1,
      kind: "memory",
      message: "memory usage of connector code exceeded the allowed limit (used: <n> GB, limit: 0.20 GB)",
      rows: { items: 1 },
      state: { n: 1 },
    });
    expect(r.error?.hint).toContain("fivetran debug ends a connector whose process holds more than 0.20 GB");
    expect(JSON.parse(readFileSync(join(dir, "files", "state.json"), "utf8"))).toEqual({ n: 1 });
  }, 60_000);

  it("a connector under the limit is not stopped by the watch", async () => {
    setDebugMemoryLimitForTests(LIMIT_MB * 1024 * 1024);
    const dir = makeConnector(CONNECTOR.replace("450 * 1024 * 1024", "20 * 1024 * 1024").replace("time.sleep(4)", "time.sleep(1.5)"));
    const r = await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 60 });
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ items: 3 });
    expect(existsSync(join(dir, "files", "warehouse.db"))).toBe(true);
  }, 60_000);

  it.skipIf(!python)(
    "past the limit after update() returned (a thread still holding memory): the sync succeeded, then the process exited 1, in both engines",
    async () => {
      setDebugMemoryLimitForTests(LIMIT_MB * 1024 * 1024);
      const late = `import threading, time
try:
    import fivetran_connector_sdk_common.constants as sdk_constants
    sdk_constants.MEMORY_LIMIT_BYTES = ${LIMIT_MB} * 1024 ** 2
except ImportError:
    pass
from fivetran_connector_sdk import Connector, Operations as op

def hoard():
    block = bytearray(450 * 1024 * 1024)
    for i in range(0, len(block), 4096):
        block[i] = 1
    time.sleep(4)

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"n": 1})
    threading.Thread(target=hoard).start()

connector = Connector(update=update)
`;
      const sdk = await runSync({ projectDir: makeConnector(late), engine: "sdk", python: python!, timeoutSeconds: 60 });
      const embedded = await runSync({ projectDir: makeConnector(late), engine: "embedded", timeoutSeconds: 60 });
      const after = (r: RunResult) => ({ ...verdict(r), message: Boolean(r.error?.message.includes("SYNC SUCCEEDED") || r.error?.message.includes("after the sync succeeded")) });
      expect(after(embedded)).toEqual({ status: "failed", exitCode: 1, kind: "exit", message: true, rows: { items: 1 }, state: { n: 1 } });
      expect(after(sdk)).toEqual(after(embedded));
    },
    90_000,
  );

  it.skipIf(!python)(
    "the real SDK engine reports the same failure, kind memory",
    async () => {
      setDebugMemoryLimitForTests(LIMIT_MB * 1024 * 1024);
      const sdkDir = makeConnector(CONNECTOR);
      const embeddedDir = makeConnector(CONNECTOR);
      const sdk = await runSync({ projectDir: sdkDir, engine: "sdk", python: python!, timeoutSeconds: 60 });
      const embedded = await runSync({ projectDir: embeddedDir, engine: "embedded", timeoutSeconds: 60 });
      expect(verdict(sdk)).toEqual(verdict(embedded));
      expect(sdk.error?.kind).toBe("memory");
    },
    90_000,
  );
});
