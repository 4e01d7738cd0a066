import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { rowsPerTableReadOnly } from "../../src/runner/sdk.js";
import { HEADER, makeConnector } from "./helpers.js";

// `fivetran debug` imports connector.py first, then reads configuration.json and files/state.json, checks them, and
// only then makes files/ and opens files/warehouse.db (fidelity 330, 332, 350). The embedded engine keeps that order.
// Real python3, real DuckDB.
const embedded = (dir: string, extra: Record<string, unknown> = {}) => runSync({ projectDir: dir, engine: "embedded", ...extra });

const SECRET = "sk-live-9f8e7d6c5b4a3210";

describe("what connector.py does to the folder as it loads", () => {
  it("configuration.json written at import is the one the sync gets, and its secret is masked", async () => {
    const dir = makeConnector(
      `import json\nwith open("configuration.json", "w") as f:\n    json.dump({"api_key": "${SECRET}", "prefix": "new_"}, f)\n${HEADER}` +
        `def update(configuration, state):\n    log.info("key " + configuration["api_key"])\n    op.upsert(configuration["prefix"] + "t", {"id": 1})\n    op.checkpoint({"n": 1})\n` +
        `    raise RuntimeError("failed with " + configuration["api_key"])\nconnector = Connector(update=update)\n`,
      { api_key: "old-key-000000000000", prefix: "old_" },
    );
    const r = await embedded(dir);
    expect(r.status).toBe("failed");
    expect(r.rowsPerTable).toEqual({ new_t: 1 });
    // Security: the value the harness read after the import never leaves the run unmasked.
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(r.logTail.join("\n")).toContain("key ****");
    expect(r.error?.message).toContain("failed with ****");
  });

  it("files/state.json written at import is where the sync starts, and what a failed run reports as committed", async () => {
    const dir = makeConnector(
      `import os, json\nos.makedirs("files", exist_ok=True)\nwith open("files/state.json", "w") as f:\n    json.dump({"cursor": 7}, f)\n${HEADER}` +
        `def update(configuration, state):\n    op.upsert("t", {"id": state["cursor"]})\n    raise RuntimeError("no checkpoint")\nconnector = Connector(update=update)\n`,
    );
    const r = await embedded(dir);
    expect(r.status).toBe("failed");
    expect(r.error?.message).toContain("no checkpoint");
    expect(r.state).toEqual({ cursor: 7 });
  });

  it("files/ does not exist while connector.py loads on a first run, and the warehouse is opened after", async () => {
    const dir = makeConnector(
      `import os\nSEEN = os.path.exists("files")\n${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1, "seen": SEEN})\n    op.checkpoint({"n": 1})\nconnector = Connector(update=update)\n`,
    );
    const r = await embedded(dir);
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ t: 1 });
    const { queryWarehouse } = await import("../../src/warehouse/query.js");
    const q = await queryWarehouse(dir, "SELECT seen FROM tester.t");
    expect(q.rows).toEqual([[false]]);
  });

  it("files/warehouse.db removed at import: the sync writes a new one", async () => {
    const dir = makeConnector(
      `import os\nif os.path.exists("files/warehouse.db") and os.path.exists("second"):\n    os.remove("files/warehouse.db")\n${HEADER}` +
        `def update(configuration, state):\n    n = state.get("n", 0)\n    op.upsert("t", {"id": n})\n    op.checkpoint({"n": n + 1})\nconnector = Connector(update=update)\n`,
    );
    expect((await embedded(dir)).status).toBe("succeeded");
    writeFileSync(join(dir, "second"), "");
    const r = await embedded(dir);
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ t: 1 });
    expect(await rowsPerTableReadOnly(join(dir, "files", "warehouse.db"))).toEqual({ t: 1 });
    expect(JSON.parse(readFileSync(join(dir, "files", "state.json"), "utf8"))).toEqual({ n: 2 });
  });

  it("a file named files made at import fails the sync as fivetran debug fails it (File exists)", async () => {
    const dir = makeConnector(`open("files", "w").write("x")\n${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\nconnector = Connector(update=update)\n`);
    const r = await embedded(dir);
    expect(r.status).toBe("failed");
    expect(r.exitCode).toBe(1);
    expect(r.error?.message).toBe(`[Errno 17] File exists: '${join(dir, "files")}'`);
    expect(readFileSync(join(dir, "files"), "utf8")).toBe("x");
  });

  it("a run refused at its checks leaves no files/ and no warehouse, even with a warehouse of an earlier run reported", async () => {
    const dir = makeConnector(`${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\n    op.checkpoint({})\nconnector = Connector(update=update)\n`, null);
    const r = await embedded(dir);
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("configuration");
    expect(existsSync(join(dir, "files"))).toBe(false);
    // An earlier run's warehouse stays, and its rows are reported.
    writeFileSync(join(dir, "configuration.json"), "{}");
    expect((await embedded(dir)).status).toBe("succeeded");
    rmSync(join(dir, "configuration.json"));
    const again = await embedded(dir);
    expect(again.error?.kind).toBe("configuration");
    expect(again.rowsPerTable).toEqual({ t: 1 });
  });

  it("a configuration argument is used as it is: configuration.json written at import is not read", async () => {
    const dir = makeConnector(
      `import json\nwith open("configuration.json", "w") as f:\n    json.dump({"prefix": "file_"}, f)\n${HEADER}` +
        `def update(configuration, state):\n    op.upsert(configuration["prefix"] + "t", {"id": 1})\nconnector = Connector(update=update)\n`,
    );
    const r = await embedded(dir, { configuration: { prefix: "arg_" } });
    expect(r.status).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ arg_t: 1 });
  });
});

describe("connector.debug() while connector.py loads", () => {
  it("without a configuration refuses the run as SDK 3.0.0's debug() does: configuration is required, exit code 1", async () => {
    const dir = makeConnector(`${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\nconnector = Connector(update=update)\nconnector.debug()\n`);
    const r = await embedded(dir);
    expect(r.status).toBe("failed");
    expect(r.exitCode).toBe(1);
    expect(r.error?.kind).toBe("configuration");
    expect(r.error?.message).toMatch(/^configuration is required; provide it via the --configuration flag/);
    expect(r.error?.hint).toContain('if __name__ == "__main__":');
    expect(r.counts.upserts).toBe(0);
    expect(existsSync(join(dir, "files"))).toBe(false);
  });

  it("is a SystemExit, as the SDK's: a connector that catches it loads and syncs", async () => {
    const dir = makeConnector(
      `${HEADER}CODE = 0\ndef update(configuration, state):\n    op.upsert("t", {"id": CODE})\nconnector = Connector(update=update)\n` +
        `try:\n    connector.debug()\nexcept SystemExit as e:\n    CODE = e.code\n`,
    );
    const r = await embedded(dir);
    expect(r.status).toBe("succeeded");
    const { queryWarehouse } = await import("../../src/warehouse/query.js");
    expect((await queryWarehouse(dir, "SELECT id FROM tester.t")).rows).toEqual([[1]]);
  });
});
