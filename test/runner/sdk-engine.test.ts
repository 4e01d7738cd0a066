import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { realSdkPython } from "../helpers/env.js";
import { EXIT_3_AFTER_SYNC, FAIL_AFTER_CHECKPOINT, HEADER, HEARTBEAT, makeConnector } from "./helpers.js";

// The real `fivetran debug` of the SDK installed in the test venv (no mocks). Skipped only when the venv is
// missing outside CI; realSdkPython() throws under CI=true.
const python = realSdkPython();
process.env.DO_NOT_TRACK = "1";

describe.skipIf(!python)("real-SDK engine", () => {
  it("auto picks the real SDK 3.x and reports the same result shape", async () => {
    const dir = makeConnector(
      `${HEADER}def schema(c):\n    return [{"table": "items", "primary_key": ["id"]}]\ndef update(configuration, state):\n    log.info("token " + configuration["token"])\n    for i in range(4):\n        op.upsert("items", {"id": i})\n    op.checkpoint({"n": 4})\nconnector = Connector(update=update, schema=schema)\n`,
      { token: "tok-abcdef-123" },
    );
    const logs: string[] = [];
    const r = await runSync({ projectDir: dir, python: python!, onLog: (_l, m) => logs.push(m) });
    expect(r.engine).toBe("sdk");
    expect(r.sdkVersion).toMatch(/^3\./);
    expect(r.status).toBe("succeeded");
    expect(r.exitCode).toBe(0);
    expect(r.counts).toEqual({ upserts: 4, updates: 0, deletes: 0, truncates: 0, schemaChanges: 1, checkpoints: 1, fileUploads: 0 });
    expect(r.rowsPerTable).toEqual({ items: 4 });
    expect(r.state).toEqual({ n: 4 });
    expect(logs.join("\n")).toContain("token ****");
    expect(JSON.stringify(r)).not.toContain("tok-abcdef-123");
  });

  it("--naming source makes a warehouse that keeps the source's names, in both engines, and a later run keeps it", async () => {
    const code = `${HEADER}def update(configuration, state):\n    op.upsert("OrderItems", {"orderId": 1, "Unit Price": 2.5})\n    op.upsert("OrderItems", {"orderId": 2, "Unit Price": 3.5})\n    op.checkpoint({})\nconnector = Connector(update=update)\n`;
    for (const engine of ["sdk", "embedded"] as const) {
      const dir = makeConnector(code, {});
      const first = await runSync({ projectDir: dir, python: python!, engine, naming: "source" });
      expect(first.status, engine).toBe("succeeded");
      expect(first.rowsPerTable, engine).toEqual({ OrderItems: 2 });
      expect(first.warnings.join("\n"), engine).not.toContain("naming");
      // Without the flag (Fivetran naming asked for), the SDK warns and keeps the warehouse's own.
      const second = await runSync({ projectDir: dir, python: python!, engine });
      expect(second.status, engine).toBe("succeeded");
      expect(second.rowsPerTable, engine).toEqual({ OrderItems: 2 });
      expect(second.warnings.join("\n"), engine).toContain("ignored --naming flag; naming strategy cannot be changed after connection creation");
    }
  });

  it("secrets connector.py writes into configuration.json as it loads are masked too, in logs and the error", async () => {
    // A connector that fetches its key at import and saves it for the SDK to read: the file's values before the run
    // are not the ones the run uses. Both engines must mask what the sync really read.
    const code = `${HEADER}import json
with open("configuration.json", "w") as f:
    json.dump({"api_key": "sk-written-at-import-77"}, f)
def update(configuration, state):
    log.info("using " + configuration["api_key"])
    print("printed " + configuration["api_key"])
    raise RuntimeError("refused key " + configuration["api_key"])
connector = Connector(update=update)
`;
    for (const engine of ["sdk", "embedded"] as const) {
      const dir = makeConnector(code, { api_key: "placeholder-before" });
      const logs: string[] = [];
      const r = await runSync({ projectDir: dir, python: python!, engine, onLog: (_l, m) => logs.push(m) });
      expect(r.status, engine).toBe("failed");
      expect(r.error?.message, engine).toContain("refused key ****");
      expect(logs.join("\n"), engine).toContain("using ****");
      expect(JSON.stringify(r) + logs.join("\n"), engine).not.toContain("sk-written-at-import-77");
    }
  });

  it("the same when configuration.json was a link inside the folder that connector.py replaces with a file", async () => {
    // A line, then a pause: the runner looks at the file while it is still the link (the SDK imports connector.py
    // before it prints anything of its own).
    const code = `${HEADER}import json, os, time
print("loading", flush=True)
time.sleep(0.5)
with open("configuration.json.new", "w") as f:
    json.dump({"api_key": "sk-replaced-link-88"}, f)
os.replace("configuration.json.new", "configuration.json")
def update(configuration, state):
    log.info("using " + configuration["api_key"])
    raise RuntimeError("refused key " + configuration["api_key"])
connector = Connector(update=update)
`;
    for (const engine of ["sdk", "embedded"] as const) {
      const dir = makeConnector(code);
      mkdirSync(join(dir, "cfg"));
      writeFileSync(join(dir, "cfg", "base.json"), JSON.stringify({ api_key: "placeholder-before" }));
      rmSync(join(dir, "configuration.json"), { force: true });
      symlinkSync("cfg/base.json", join(dir, "configuration.json"));
      const logs: string[] = [];
      const r = await runSync({ projectDir: dir, python: python!, engine, onLog: (_l, m) => logs.push(m) });
      expect(r.status, engine).toBe("failed");
      expect(r.error?.message, engine).toContain("refused key ****");
      expect(JSON.stringify(r) + logs.join("\n"), engine).not.toContain("sk-replaced-link-88");
    }
  });

  it("a state.json nested 100,000 deep: the SDK's failure is reported, not Node's stack overflow", async () => {
    const dir = makeConnector(`${HEADER}def update(configuration, state):\n    op.checkpoint({})\nconnector = Connector(update=update)\n`);
    mkdirSync(join(dir, "files"));
    writeFileSync(join(dir, "files", "state.json"), `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    const r = await runSync({ projectDir: dir, python: python!, engine: "sdk" });
    expect(r.engine).toBe("sdk");
    expect(r.status).toBe("failed");
    expect(JSON.stringify(r).length).toBeLessThan(100_000);
  });

  it("a failure after a checkpoint: same kind, line and committed rows as the embedded engine", async () => {
    const sdkDir = makeConnector(FAIL_AFTER_CHECKPOINT, { api_key: "sk-very-secret-1" });
    const embDir = makeConnector(FAIL_AFTER_CHECKPOINT, { api_key: "sk-very-secret-1" });
    const [s, e] = await Promise.all([runSync({ projectDir: sdkDir, python: python!, engine: "sdk" }), runSync({ projectDir: embDir, python: python!, engine: "embedded" })]);
    expect(s.engine).toBe("sdk");
    expect(e.engine).toBe("embedded");
    for (const r of [s, e]) {
      expect(r.status).toBe("failed");
      expect(r.exitCode).toBe(1);
      expect(r.error?.kind).toBe("connector_exception");
      expect(r.error?.message.split("\n")[0]).toBe("failed while executing update() error: boom ****");
      expect(r.error?.line).toBe(10);
      expect(r.state).toEqual({ n: 3 });
      expect(r.rowsPerTable).toEqual({ items: 3 });
      expect(JSON.stringify(r)).not.toContain("sk-very-secret-1");
    }
    expect(s.counts.upserts).toBe(e.counts.upserts);
  });
});

// `fivetran debug` waits for threads that are not daemons after it printed its verdict, as Python does: a
// heartbeat thread keeps it running forever. The engine reports the verdict a grace period after it is printed,
// as the embedded engine does, instead of running into the time limit with an endless-loop hint.
describe.skipIf(!python)("real-SDK engine: a thread that outlives the sync", () => {
  const code = (tail: string) => `${HEARTBEAT}    op.upsert("t", {"id": 2})
${tail}connector = Connector(update=update)
`;

  it("SYNC SUCCEEDED, then the thread runs on: succeeded, both rows, a warning; not a timeout", async () => {
    const started = Date.now();
    const r = await runSync({ projectDir: makeConnector(code(""), {}), python: python!, engine: "sdk", timeoutSeconds: 90 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("succeeded");
    expect(r.error).toBeUndefined();
    expect(r.rowsPerTable).toEqual({ t: 2 });
    expect(r.counts.upserts).toBe(2);
    expect(r.warnings.join("\n")).toMatch(/stopped 10 s after the sync ended/);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it("SYNC FAILED, then the thread runs on: the sync's own error, not a timeout", async () => {
    const r = await runSync({ projectDir: makeConnector(code('    raise ValueError("boom")\n'), {}), python: python!, engine: "sdk", timeoutSeconds: 90 });
    expect(r.status).toBe("failed");
    expect(r.error?.message).toContain("boom");
    expect(r.rowsPerTable).toEqual({ t: 1 });
  }, 120_000);

  it("SYNC SUCCEEDED, then os._exit(3) in a thread: failed with exit code 3, and the error says the rows are written", async () => {
    const r = await runSync({ projectDir: makeConnector(EXIT_3_AFTER_SYNC, {}), python: python!, engine: "sdk", timeoutSeconds: 90 });
    expect(r.status).toBe("failed");
    expect(r.exitCode).toBe(3);
    expect(r.rowsPerTable).toEqual({ t: 2 });
    expect(r.error?.message).toMatch(/printed SYNC SUCCEEDED \(its rows and state are written\), then exited with code 3/);
  }, 120_000);
});
