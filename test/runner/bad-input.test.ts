import { mkdirSync, mkdtempSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolError } from "../../src/errors.js";
import { runSync } from "../../src/runner/index.js";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { FAIL_AFTER_CHECKPOINT, HEADER, makeConnector } from "./helpers.js";

// Issue 2 §7: each bad input gives a clear, actionable answer and loses nothing committed. Real python3.
const embedded = (dir: string, extra: Record<string, unknown> = {}) => runSync({ projectDir: dir, engine: "embedded", ...extra });

async function toolError(p: Promise<unknown>): Promise<ToolError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ToolError);
    return e as ToolError;
  }
  throw new Error("expected a ToolError");
}

describe("bad input", () => {
  it("missing folder and missing connector.py are usage errors", async () => {
    const e1 = await toolError(embedded("/nonexistent/folder/x"));
    expect(e1.code).toBe("not_found");
    const dir = makeConnector("x = 1\n");
    const { rmSync } = await import("node:fs");
    rmSync(`${dir}/connector.py`);
    const e2 = await toolError(embedded(dir));
    expect(e2.message).toContain("connector.py not found");
    expect(e2.hint).toBeTruthy();
  });

  it("syntax error: kind, file and line", async () => {
    const r = await embedded(makeConnector(`${HEADER}def update(configuration, state)\n    pass\n`));
    expect(r.status).toBe("failed");
    expect(r.error).toMatchObject({ kind: "syntax", line: 2 });
    expect(r.error?.file).toMatch(/connector\.py$/);
    expect(r.error?.message).toContain("SyntaxError");
  });

  it("missing package: names it and says requirements.txt", async () => {
    const r = await embedded(makeConnector(`import yaml_not_installed_pkg\n${HEADER}`));
    expect(r.error?.kind).toBe("import");
    expect(r.error?.message).toContain("No module named 'yaml_not_installed_pkg'");
    expect(r.error?.hint).toContain("yaml-not-installed-pkg");
    expect(r.error?.hint).toContain("requirements.txt");
    expect(r.error?.line).toBe(1);
  });

  it("a Connector not named connector is refused before the sync: no files/ of ours, the connector's own kept", async () => {
    const dir = makeConnector(
      `import os\nos.makedirs("files", exist_ok=True)\nopen("files/cache.txt", "w").write("mine")\n${HEADER}def update(configuration, state):\n    pass\nmy_connector = Connector(update=update)\n`,
    );
    const r = await embedded(dir);
    expect(r.status).toBe("failed");
    expect(r.exitCode).toBe(1);
    expect(r.error?.kind).toBe("no_connector");
    expect(r.error?.message.split("\n")[0]).toBe("Connector object must be named 'connector', but found: 'my_connector'");
    expect(readdirSync(join(dir, "files"))).toEqual(["cache.txt"]);
  });

  it("a run refused before the sync removes its warehouse only inside the folder, even if files/ became a link", async () => {
    // The connector runs while the warehouse opens: here it turns files/ into a link to a folder outside, whose
    // warehouse.db.tmp the cleanup of a refused run (a number in configuration.json) must not reach, and the run
    // still reports its own failure (the cleanup once threw "goes through a link to outside" instead).
    const outside = realpathSync(mkdtempSync(join(tmpdir(), "outside-")));
    mkdirSync(join(outside, "warehouse.db.tmp"));
    writeFileSync(join(outside, "warehouse.db.tmp", "keep.txt"), "not yours");
    const dir = makeConnector(
      `import os\nos.rename("files", "files_old")\nos.symlink(${JSON.stringify(outside)}, "files")\n${HEADER}def update(configuration, state):\n    pass\nconnector = Connector(update=update)\n`,
      { n: 1 },
    );
    mkdirSync(join(dir, "files"));
    writeFileSync(join(dir, "files", "state.json"), "{}");
    const r = await embedded(dir);
    expect(r.status).toBe("failed");
    expect(r.error?.message).toContain("all values must be strings");
    expect(readdirSync(join(outside, "warehouse.db.tmp"))).toEqual(["keep.txt"]);
  });

  it("no Connector object", async () => {
    const r = await embedded(makeConnector(`${HEADER}def update(configuration, state):\n    pass\n`));
    expect(r.error?.kind).toBe("no_connector");
    expect(r.error?.message).toContain("connector object not found");
  });

  it("invalid configuration.json: bad JSON, an empty file, a non-string value fail the run with the SDK's words", async () => {
    const ok = `${HEADER}def update(configuration, state):\n    pass\nconnector = Connector(update=update)\n`;
    for (const text of ["{not json", "", "[1]"]) {
      const bad = await embedded(makeConnector(ok, text));
      expect(bad.status).toBe("failed");
      expect(bad.exitCode).toBe(1);
      expect(bad.error?.kind).toBe("configuration");
      expect(bad.error?.message).toMatch(/^invalid configuration error: Configuration must be (provided as a JSON file|a JSON object of key-value pairs)/);
    }
    // Values `fivetran configuration` encrypted: the embedded engine has no key, and says so instead of passing the ciphertext.
    const enc = await embedded(makeConnector(ok, { password: "fivetran_encrypted:AAAA", host: "h" }));
    expect(enc.error?.kind).toBe("configuration");
    expect(enc.error?.message).toBe("configuration.json holds values the SDK's configuration command sealed with its key ('password'); only the real SDK can decrypt them");
    expect(enc.error?.hint).toContain("engine sdk");
    const r = await embedded(makeConnector(ok, { port: 5432 }));
    expect(r.error?.kind).toBe("configuration");
    expect(r.error?.message).toContain("invalid configuration file; all values must be strings");
  });

  it("no configuration.json and no configuration argument: refused as `fivetran debug` does, with a hint; `{}` or the argument runs", async () => {
    const ok = `${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\nconnector = Connector(update=update)\n`;
    const dir = makeConnector(ok, null);
    const r = await embedded(dir);
    expect(r.status).toBe("failed");
    expect(r.exitCode).toBe(1);
    expect(r.error?.kind).toBe("configuration");
    expect(r.error?.message).toMatch(/^configuration is required; provide it via the --configuration flag/);
    expect(r.error?.hint).toContain("configuration.json");
    // Refused before the sync: no files/ at all.
    expect(readdirSync(dir)).not.toContain("files");
    // The configuration argument stands in for the file, as --configuration does.
    expect((await embedded(dir, { configuration: {} })).status).toBe("succeeded");
    expect((await embedded(makeConnector(ok, {}))).status).toBe("succeeded");
  });

  it("a folder at files/state.json, configuration.json or files/warehouse.db fails the run with the SDK's words; a link to a folder outside is still refused", async () => {
    const ok = `${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\nconnector = Connector(update=update)\n`;
    const dir = makeConnector(ok, {});
    mkdirSync(join(dir, "files", "state.json"), { recursive: true });
    const r = await embedded(dir);
    expect(r.status).toBe("failed");
    expect(r.exitCode).toBe(1);
    expect(r.error?.kind).toBe("state");
    expect(r.error?.message).toBe(`invalid state error: State path is incorrect, cannot find file at the location ${realpathSync(dir)}/files/state.json`);
    expect(r.error?.hint).toContain("Remove the folder files/state.json");
    expect(readdirSync(join(dir, "files"))).toEqual(["state.json"]);
    const out = makeConnector(ok, {});
    mkdirSync(join(out, "files"));
    symlinkSync(mkdtempSync(join(tmpdir(), "ftmcp-outside-")), join(out, "files", "state.json"));
    expect((await toolError(embedded(out))).code).toBe("outside_project");
    // configuration.json likewise, read before the state.
    const conf = makeConnector(ok, null);
    mkdirSync(join(conf, "configuration.json"));
    mkdirSync(join(conf, "files", "state.json"), { recursive: true });
    const c = await embedded(conf);
    expect(c.status).toBe("failed");
    expect(c.exitCode).toBe(1);
    expect(c.error?.kind).toBe("configuration");
    expect(c.error?.message).toBe(`invalid configuration error: Configuration path is incorrect, cannot find file at the location ${realpathSync(conf)}/configuration.json`);
    // files/warehouse.db: DuckDB's words, once the checks passed; the folder left as it was.
    const wh = makeConnector(ok, {});
    mkdirSync(join(wh, "files", "warehouse.db"), { recursive: true });
    const w = await embedded(wh);
    expect(w.status).toBe("failed");
    expect(w.exitCode).toBe(1);
    expect(w.error?.message).toBe(`failed to connect to warehouse database file 'warehouse.db'. error: IO Error: Could not read from file "${realpathSync(wh)}/files/warehouse.db": Is a directory`);
    expect(w.error?.hint).toContain("Remove the folder files/warehouse.db");
    expect(readdirSync(join(wh, "files", "warehouse.db"))).toEqual([]);
  });

  it("unserialisable value: kind serialization, committed data kept", async () => {
    const r = await embedded(
      makeConnector(
        `${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\n    op.checkpoint({"a": 1})\n    op.upsert("t", {"id": 2, "o": {"x": object()}})\nconnector = Connector(update=update)\n`,
      ),
    );
    expect(r.error?.kind).toBe("serialization");
    expect(r.error?.message).toContain("not JSON serializable");
    expect(r.error?.line).toBe(5);
    expect(r.rowsPerTable).toEqual({ t: 1 });
    expect(r.state).toEqual({ a: 1 });
  });

  it("sys.exit() in update: kind exit, checkpoint kept, AST warning", async () => {
    const r = await embedded(
      makeConnector(
        `import sys\n${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\n    op.checkpoint({"a": 1})\n    op.upsert("t", {"id": 2})\n    sys.exit(3)\nconnector = Connector(update=update)\n`,
      ),
    );
    expect(r.error?.kind).toBe("exit");
    expect(r.exitCode).toBe(3);
    expect(r.error?.line).toBe(7);
    expect(r.warnings.some((w) => w.includes("avoid using sys.exit()"))).toBe(true);
    expect(r.rowsPerTable).toEqual({ t: 1 });
  });

  it("os._exit() kills the process: kind exit", async () => {
    const r = await embedded(makeConnector(`import os\n${HEADER}def update(configuration, state):\n    os._exit(4)\nconnector = Connector(update=update)\n`));
    expect(r.error?.kind).toBe("exit");
    expect(r.error?.message).toContain("exited with code 4");
    expect(r.exitCode).toBe(4);
  });

  it("endless loop: timeout, earlier checkpoint kept", async () => {
    const t0 = Date.now();
    const r = await embedded(
      makeConnector(
        `${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\n    op.checkpoint({"a": 1})\n    while True:\n        op.upsert("t", {"id": 2})\nconnector = Connector(update=update)\n`,
      ),
      { timeoutSeconds: 2 },
    );
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(r.status).toBe("timeout");
    expect(r.error?.kind).toBe("timeout");
    expect(r.state).toEqual({ a: 1 });
    expect(r.rowsPerTable).toEqual({ t: 1 });
  });

  it("invalid schema(): kind schema with the SDK's message", async () => {
    const r = await embedded(
      makeConnector(
        `${HEADER}def schema(c):\n    return [{"table": "t", "columns": {"x": "DECIMAL"}}]\ndef update(configuration, state):\n    pass\nconnector = Connector(update=update, schema=schema)\n`,
      ),
    );
    expect(r.error?.kind).toBe("schema");
    expect(r.error?.message).toContain("failed while executing schema() error: DECIMAL data type missing precision and scale");
  });

  it("warehouse locked by another writer: a clear error once connector.py has loaded (as fivetran debug finds it), nothing written", async () => {
    const dir = makeConnector(FAIL_AFTER_CHECKPOINT, { api_key: "k-123456" });
    const holder = await WarehouseWriter.open(dir);
    try {
      const e = await toolError(embedded(dir));
      expect(e.code).toBe("locked");
    } finally {
      await holder.close();
    }
  });
});
