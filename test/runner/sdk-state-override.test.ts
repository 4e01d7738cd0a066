import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import type { EngineName } from "../../src/runner/types.js";
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
  const out: Record<EngineName, { status: string; onDisk: unknown; reported: unknown; files: string[] }> = {} as never;
  await Promise.all(
    (["embedded", "sdk"] as const).map(async (engine) => {
      const dir = withPreviousState(code, previous);
      const r = await runSync({ projectDir: dir, python: python!, engine, state: opts.state, reset: opts.reset });
      expect(r.engine).toBe(engine);
      const { readdirSync } = await import("node:fs");
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
    expect(r.sdk.files).toEqual([]);
  });

  it("with no previous state.json, a failed run leaves none", async () => {
    const r = await both(FAILS_AT_ONCE, undefined, { state: { cursor: "override" } });
    expect(r.embedded.onDisk).toBe("absent");
    expect(r.sdk.onDisk).toBe("absent");
    expect(r.sdk.files).toEqual([]);
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
});
