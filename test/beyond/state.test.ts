import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolError } from "../../src/errors.js";
import { diffStates, readStateFile, resetState, writeStateFile } from "../../src/state/index.js";
import { diffState } from "../../tools/diff_state.js";
import { getState } from "../../tools/get_state.js";
import { resetStateTool } from "../../tools/reset_state.js";
import { setState } from "../../tools/set_state.js";
import { makeCtx, makeProject } from "./helpers.js";

describe("state engine", () => {
  it("reads a missing state as {} and writes atomically without leftovers", async () => {
    const dir = makeProject();
    expect((await readStateFile(dir)).exists).toBe(false);
    await writeStateFile(dir, { cursor: "2024-01-01" });
    expect(JSON.parse(readFileSync(join(dir, "files", "state.json"), "utf8"))).toEqual({ cursor: "2024-01-01" });
    expect(readdirSync(join(dir, "files")).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses a state that is not a JSON object, and a broken state file", async () => {
    const dir = makeProject();
    await expect(writeStateFile(dir, [1, 2] as unknown as Record<string, unknown>)).rejects.toMatchObject({ code: "state" });
    mkdirSync(join(dir, "files"), { recursive: true });
    writeFileSync(join(dir, "files", "state.json"), "{not json");
    const err = await readStateFile(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toContain("not valid JSON");
  });

  it("reset keeps a backup and deletes the warehouse only when asked", async () => {
    const dir = makeProject();
    await writeStateFile(dir, { cursor: 5 });
    writeFileSync(join(dir, "files", "warehouse.db"), "x");
    const r1 = await resetState(dir);
    expect(r1.backup).toMatch(/^state\.json\.bak-\d{4}-\d\d-\d\dT/);
    expect(JSON.parse(readFileSync(join(dir, "files", r1.backup!), "utf8"))).toEqual({ cursor: 5 });
    expect(existsSync(join(dir, "files", "state.json"))).toBe(false);
    expect(existsSync(join(dir, "files", "warehouse.db"))).toBe(true);
    await writeStateFile(dir, { cursor: 6 });
    const r2 = await resetState(dir, { warehouse: true });
    expect(r2.warehouseRemoved).toBe(true);
    expect(r2.backup).not.toBe(r1.backup);
    expect(existsSync(join(dir, "files", "warehouse.db"))).toBe(false);
  });

  it("diffs nested keys and arrays", () => {
    const d = diffStates({ cursor: { orders: "2024-01-01", users: "x" }, pages: [1, 2], gone: true }, { cursor: { orders: "2024-02-01", users: "x", items: "a" }, pages: [1], "odd key": 1 });
    expect(d.changed).toEqual([{ path: "cursor.orders", before: "2024-01-01", after: "2024-02-01" }]);
    expect(d.added.map((c) => c.path).sort()).toEqual(['"odd key"', "cursor.items"]);
    expect(d.removed.map((c) => c.path).sort()).toEqual(["gone", "pages[1]"]);
    expect(diffStates({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }).unchanged).toBe(true);
  });
});

describe("state tools", () => {
  it("set, get, diff against the backup, reset", async () => {
    const dir = makeProject({ "configuration.json": JSON.stringify({ api_key: "s3cr3t-token-value" }) });
    const { ctx } = makeCtx(dir);
    await setState.handle({ project_dir: dir, state: { cursor: "2024-01-01" } }, ctx);
    const second = await setState.handle({ project_dir: dir, state: { cursor: "2024-03-01", token: "s3cr3t-token-value" } }, ctx);
    expect(second.data.backup).toMatch(/^state\.json\.bak-/);

    const got = await getState.handle({ project_dir: dir }, ctx);
    expect(got.data.exists).toBe(true);
    // Security: a configuration secret copied into the state is masked in the result.
    expect(JSON.stringify(got.data)).not.toContain("s3cr3t-token-value");
    expect(got.data.backups).toHaveLength(1);

    const d = await diffState.handle({ project_dir: dir, from: "latest_backup", to: "current" }, ctx);
    expect(d.data.changed).toEqual([{ path: "cursor", before: "2024-01-01", after: "2024-03-01" }]);
    expect(d.data.added.map((c) => c.path)).toEqual(["token"]);
    expect(JSON.stringify(d.data)).not.toContain("s3cr3t-token-value");

    const inline = await diffState.handle({ project_dir: dir, from: '{"cursor": "2024-03-01", "token": "s3cr3t-token-value"}', to: "current" }, ctx);
    expect(inline.data.unchanged).toBe(true);

    const r = await resetStateTool.handle({ project_dir: dir, warehouse: false }, ctx);
    expect(r.data.previous_keys).toEqual(["cursor", "token"]);
    expect((await getState.handle({ project_dir: dir }, ctx)).data.exists).toBe(false);
  });

  it("gives actionable errors for bad references and paths outside the workspace", async () => {
    const dir = makeProject();
    const { ctx } = makeCtx(dir);
    await expect(diffState.handle({ project_dir: dir, from: "latest_backup", to: "current" }, ctx)).rejects.toMatchObject({ code: "not_found" });
    await expect(diffState.handle({ project_dir: dir, from: "../../etc/passwd", to: "current" }, ctx)).rejects.toMatchObject({ code: "invalid_argument" });
    await expect(diffState.handle({ project_dir: dir, from: "[1]", to: "current" }, ctx)).rejects.toMatchObject({ code: "state" });
    await expect(getState.handle({ project_dir: "/etc" }, ctx)).rejects.toMatchObject({ code: "outside_workspace" });
  });
});

describe("state left by a real-SDK run whose server died", () => {
  it("get_state shows the state that run put aside, not its override", async () => {
    const { putStateOverride } = await import("../../src/state/aside.js");
    const { spawnSync } = await import("node:child_process");
    const dir = makeProject();
    mkdirSync(join(dir, "files"), { recursive: true });
    writeFileSync(join(dir, "files", "state.json"), JSON.stringify({ cursor: "previous" }));
    putStateOverride(dir, { cursor: "override" });
    // A process that has exited stands in for the server killed mid-run (test/e2e/run-history.test.ts kills one).
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const aside = join(dir, "files", ".state.before-override.json");
    writeFileSync(aside, JSON.stringify({ ...JSON.parse(readFileSync(aside, "utf8")), owner: { pid: dead } }));
    expect((await readStateFile(dir)).state).toEqual({ cursor: "previous" });
    expect(existsSync(aside)).toBe(false);
  });

  it("describe_warehouse does too", async () => {
    const { putStateOverride } = await import("../../src/state/aside.js");
    const { spawnSync } = await import("node:child_process");
    const { WarehouseWriter } = await import("../../src/warehouse/writer.js");
    const { describeWarehouse } = await import("../../src/warehouse/inspect.js");
    const dir = makeProject();
    const w = await WarehouseWriter.open(dir);
    w.applyNow({ t: "upsert", table: "items", data: { id: 1 } });
    await w.checkpoint(JSON.stringify({ cursor: "previous" }));
    await w.close();
    putStateOverride(dir, { cursor: "override" });
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const aside = join(dir, "files", ".state.before-override.json");
    writeFileSync(aside, JSON.stringify({ ...JSON.parse(readFileSync(aside, "utf8")), owner: { pid: dead } }));
    expect((await describeWarehouse(dir)).state).toEqual({ cursor: "previous" });
  });
});
