import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import type { EngineName } from "../../src/runner/types.js";
import { putStateOverride, recoverStateAside, settleStateOverride } from "../../src/state/aside.js";
import { realSdkPython } from "../helpers/env.js";
import { HEADER, makeConnector } from "./helpers.js";

// A `state` override must not cost the previous files/state.json when the run ends before its first checkpoint:
// the embedded engine only writes state.json at a checkpoint (or the final flush of a sync that succeeded), and the
// real-SDK engine, which has to put the override where `fivetran debug` reads it, must end with the same file.
const python = realSdkPython();
process.env.DO_NOT_TRACK = "1";

const FAILS_AT_ONCE = `${HEADER}
def update(configuration, state):
    op.upsert("items", {"id": 1})
    raise RuntimeError("no checkpoint yet")
connector = Connector(update=update, schema=lambda c: [{"table": "items", "primary_key": ["id"]}])
`;

const NEVER_CHECKPOINTS = `${HEADER}
def update(configuration, state):
    op.upsert("items", {"id": 1})
connector = Connector(update=update, schema=lambda c: [{"table": "items", "primary_key": ["id"]}])
`;

const CHECKPOINTS_THEN_FAILS = `${HEADER}
def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"cursor": "after"})
    raise RuntimeError("after the checkpoint")
connector = Connector(update=update, schema=lambda c: [{"table": "items", "primary_key": ["id"]}])
`;

/** What files/state.json holds after a run: the parsed object, or "absent". */
function stateOnDisk(dir: string): unknown {
  const p = join(dir, "files", "state.json");
  return existsSync(p) ? JSON.parse(readFileSync(p, "utf8")) : "absent";
}

function withPreviousState(code: string, previous: Record<string, unknown> | undefined): string {
  const dir = makeConnector(code, {});
  if (previous) {
    mkdirSync(join(dir, "files"), { recursive: true });
    writeFileSync(join(dir, "files", "state.json"), JSON.stringify(previous));
  }
  return dir;
}

/** Runs the same connector, from the same previous state, with both engines; returns what each left on disk. */
async function both(code: string, previous: Record<string, unknown> | undefined, opts: { state: Record<string, unknown>; reset?: boolean }) {
  const out: Record<EngineName, { status: string; onDisk: unknown; reported: unknown; files: string[] }> = {} as Record<
    EngineName,
    { status: string; onDisk: unknown; reported: unknown; files: string[] }
  >;
  await Promise.all(
    (["embedded", "sdk"] as const).map(async (engine) => {
      const dir = withPreviousState(code, previous);
      const r = await runSync({ projectDir: dir, python: python!, engine, state: opts.state, reset: opts.reset });
      expect(r.engine).toBe(engine);
      out[engine] = { status: r.status, onDisk: stateOnDisk(dir), reported: r.state, files: readdirSync(join(dir, "files")).filter((f) => f.startsWith(".")) };
    }),
  );
  return out;
}

describe.skipIf(!python)("state override with the real-SDK engine ends like the embedded engine", () => {
  it("a run that fails before its first checkpoint keeps the previous files/state.json", async () => {
    const r = await both(FAILS_AT_ONCE, { cursor: "previous" }, { state: { cursor: "override" } });
    expect(r.embedded.status).toBe("failed");
    expect(r.sdk.status).toBe("failed");
    expect(r.embedded.onDisk).toEqual({ cursor: "previous" });
    expect(r.sdk.onDisk).toEqual({ cursor: "previous" });
    // The SDK engine reports what the file holds; nothing of ours is left behind in files/.
    expect(r.sdk.reported).toEqual({ cursor: "previous" });
    expect(r.embedded.reported).toEqual({ cursor: "previous" });
    expect(r.sdk.files).toEqual([]);
  });

  it("with no previous state.json, a failed run leaves none", async () => {
    const r = await both(FAILS_AT_ONCE, undefined, { state: { cursor: "override" } });
    expect(r.embedded.onDisk).toBe("absent");
    expect(r.sdk.onDisk).toBe("absent");
    expect(r.sdk.files).toEqual([]);
    expect(r.embedded.reported).toEqual(r.sdk.reported);
  });

  it("reset plus an override, failing before a checkpoint: no state.json, as after the reset", async () => {
    const r = await both(FAILS_AT_ONCE, { cursor: "previous" }, { state: { cursor: "override" }, reset: true });
    expect(r.embedded.onDisk).toBe("absent");
    expect(r.sdk.onDisk).toBe("absent");
  });

  it("a run that succeeds without a checkpoint keeps the override (the final flush)", async () => {
    const r = await both(NEVER_CHECKPOINTS, { cursor: "previous" }, { state: { cursor: "override" } });
    expect(r.embedded.status).toBe("succeeded");
    expect(r.sdk.status).toBe("succeeded");
    expect(r.embedded.onDisk).toEqual({ cursor: "override" });
    expect(r.sdk.onDisk).toEqual({ cursor: "override" });
    expect(r.sdk.files).toEqual([]);
  });

  it("a run that fails after a checkpoint keeps that checkpoint's state", async () => {
    const r = await both(CHECKPOINTS_THEN_FAILS, { cursor: "previous" }, { state: { cursor: "override" } });
    expect(r.embedded.onDisk).toEqual({ cursor: "after" });
    expect(r.sdk.onDisk).toEqual({ cursor: "after" });
    expect(r.sdk.files).toEqual([]);
  });

  it("a run stopped before its first checkpoint (timeout) keeps the previous files/state.json", async () => {
    const dir = withPreviousState(
      `${HEADER}
import time
def update(configuration, state):
    op.upsert("items", {"id": 1})
    time.sleep(60)
connector = Connector(update=update, schema=lambda c: [{"table": "items", "primary_key": ["id"]}])
`,
      { cursor: "previous" },
    );
    const r = await runSync({ projectDir: dir, python: python!, engine: "sdk", state: { cursor: "override" }, timeoutSeconds: 3 });
    expect(r.status).toBe("timeout");
    expect(stateOnDisk(dir)).toEqual({ cursor: "previous" });
    expect(r.state).toEqual({ cursor: "previous" });
  });

  it("after a process that put an override died mid-run, the next run (either engine) starts from the previous state", async () => {
    const dir = withPreviousState(
      `${HEADER}
def update(configuration, state):
    log.info("started from " + str(state.get("cursor")))
    op.upsert("items", {"id": 1})
connector = Connector(update=update, schema=lambda c: [{"table": "items", "primary_key": ["id"]}])
`,
      { cursor: "previous" },
    );
    putStateOverride(dir, { cursor: "override" });
    // The owner dies before it could settle: a real process that has exited stands in for a server killed with
    // SIGKILL (the stdio end-to-end test kills a real server; test/e2e/run-history.test.ts).
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const aside = join(dir, "files", ".state.before-override.json");
    writeFileSync(aside, JSON.stringify({ ...JSON.parse(readFileSync(aside, "utf8")), owner: { pid: dead } }));
    expect(stateOnDisk(dir)).toEqual({ cursor: "override" });
    const logs: string[] = [];
    const r = await runSync({ projectDir: dir, python: python!, engine: "embedded", onLog: (_l, m) => logs.push(m) });
    expect(r.status).toBe("succeeded");
    expect(logs.join("\n")).toContain("started from previous");
    expect(stateOnDisk(dir)).toEqual({ cursor: "previous" });
    expect(readdirSync(join(dir, "files")).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("an aside file of a live owner (a run in flight) is left alone, and a second sdk run of the folder is refused", async () => {
    const dir = withPreviousState(NEVER_CHECKPOINTS, { cursor: "previous" });
    putStateOverride(dir, { cursor: "override" });
    expect(recoverStateAside(dir)).toBe(false);
    await expect(runSync({ projectDir: dir, python: python!, engine: "sdk", state: { cursor: "second" }, reset: true })).rejects.toMatchObject({ code: "locked" });
    expect(stateOnDisk(dir)).toEqual({ cursor: "override" });
    settleStateOverride(dir);
    expect(stateOnDisk(dir)).toEqual({ cursor: "previous" });
  });
});
