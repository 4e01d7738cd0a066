import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/built.js";
import { realSdkPython } from "../helpers/env.js";
import { HEADER, makeConnector } from "../runner/helpers.js";
import { alive, processesIn } from "../helpers/process.js";

/**
 * Run ids survive a server restart: the built server over stdio (as clients start it), a run started in one
 * server process and asked about in the next. FIVETRAN_CONNECTOR_MCP_RUNS_DIR points the run history at a temp
 * dir of this test.
 */
const root = realpathSync(mkdtempSync(join(tmpdir(), "e2e-history-")));
const runsDir = join(realpathSync(mkdtempSync(join(tmpdir(), "e2e-runs-"))), "runs");
const sdkPython = realSdkPython();
let cli: string;
const open: { client: Client; transport: StdioClientTransport }[] = [];

beforeAll(() => {
  cli = ensureBuilt();
}, 180_000);

afterAll(async () => {
  for (const s of open) {
    await s.client.close().catch(() => {});
    if (s.transport.pid && alive(s.transport.pid)) process.kill(s.transport.pid, "SIGKILL");
  }
});

async function startServer(): Promise<{ client: Client; transport: StdioClientTransport }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, "--workspace", root],
    stderr: "pipe",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DO_NOT_TRACK: "1", FIVETRAN_CONNECTOR_MCP_RUNS_DIR: runsDir },
  });
  const client = new Client({ name: "e2e-history", version: "0" });
  await client.connect(transport);
  const s = { client, transport };
  open.push(s);
  return s;
}

async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Data = {
  status: string;
  run_id: string;
  counts?: { upserts: number; checkpoints: number };
  rows_per_table?: Record<string, number>;
  state?: unknown;
  error?: { kind: string; message: string; hint?: string };
  state_path?: string;
};

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<{ data: Data; text: string; isError: boolean }> {
  const res = await client.callTool({ name, arguments: args });
  const text = (res.content as { type: string; text: string }[]).map((c) => c.text).join("\n");
  return { data: res.structuredContent as Data, text, isError: Boolean(res.isError) };
}

function stateOnDisk(dir: string): unknown {
  const p = join(dir, "files", "state.json");
  return existsSync(p) ? JSON.parse(readFileSync(p, "utf8")) : "absent";
}

describe("run ids across a server restart", () => {
  it("a finished run: the next server returns its stored result; nothing secret is stored", async () => {
    const dir = makeConnector(
      `${HEADER}def update(configuration, state):\n    log.info("key " + configuration["api_key"])\n    for i in range(5):\n        op.upsert("items", {"id": i})\n    op.checkpoint({"n": 5})\nconnector = Connector(update=update)\n`,
      { api_key: "sk-history-secret-42" },
      root,
    );
    const a = await startServer();
    const first = await call(a.client, "run_debug", { project_dir: dir, engine: "embedded" });
    expect(first.data.status).toBe("succeeded");
    await a.client.close();

    const b = await startServer();
    const again = await call(b.client, "run_status", { run_id: first.data.run_id, wait_seconds: 0 });
    expect(again.isError).toBe(false);
    expect(again.data.status).toBe("succeeded");
    expect(again.data.rows_per_table).toEqual({ items: 5 });
    expect(again.data.state).toEqual({ n: 5 });
    expect(again.text).toContain("SYNC SUCCEEDED");
    // cancel_run on it: nothing to stop, and it says how the run ended.
    const cancel = await call(b.client, "cancel_run", { run_id: first.data.run_id });
    expect(cancel.isError).toBe(false);
    expect(cancel.data.status).toBe("succeeded");
    expect(cancel.text).toContain("Nothing to cancel");
    await b.client.close();

    // The record: private, one file per run, no configuration value in it.
    expect(statSync(runsDir).mode & 0o777).toBe(0o700);
    const file = join(runsDir, `${first.data.run_id}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = readFileSync(file, "utf8");
    expect(stored).toContain("key ****");
    for (const f of readdirSync(runsDir)) expect(readFileSync(join(runsDir, f), "utf8")).not.toContain("sk-history-secret-42");
  });

  it("a run whose server closed mid-run is 'interrupted' in the next server, with the last checkpoint on disk", async () => {
    const dir = makeConnector(
      `${HEADER}import os, time\ndef update(configuration, state):\n    for i in range(3):\n        op.upsert("items", {"id": i})\n    op.checkpoint({"n": 3})\n    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pid.txt"), "w") as f:\n        f.write(str(os.getpid()))\n    op.upsert("items", {"id": 99})\n    time.sleep(300)\nconnector = Connector(update=update)\n`,
      {},
      root,
    );
    const a = await startServer();
    const started = await call(a.client, "run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 0.5 });
    expect(started.data.status).toBe("running");
    const runId = started.data.run_id;
    // The connector runs in a PID namespace, where its pid means nothing here: its processes are found by its folder.
    await until("the connector to checkpoint", () => (existsSync(join(dir, "pid.txt")) ? readFileSync(join(dir, "pid.txt"), "utf8") : undefined));
    // The server commits a checkpoint while the connector goes on: wait until it is on disk.
    await until("the checkpoint to be committed", () => JSON.stringify(stateOnDisk(dir)) === '{"n":3}');
    // The server goes away the way clients end it: stdin closes (a config reload, an update).
    await a.client.close();
    expect(alive(a.transport.pid ?? 0)).toBe(false);
    await until("the connector to be stopped", () => processesIn(dir).length === 0, 5_000);

    const b = await startServer();
    const s = await call(b.client, "run_status", { run_id: runId, wait_seconds: 5 });
    expect(s.isError).toBe(false);
    expect(s.data.status).toBe("interrupted");
    expect(s.data.error?.kind).toBe("interrupted");
    expect(s.data.error?.message).toContain("server stopped");
    expect(s.data.error?.hint).toContain("run_debug again");
    expect(s.data.error?.hint).toContain("files/state.json");
    expect(stateOnDisk(dir)).toEqual({ n: 3 });
    const cancel = await call(b.client, "cancel_run", { run_id: runId });
    expect(cancel.isError).toBe(false);
    expect(cancel.data.status).toBe("interrupted");
    expect(cancel.text).toContain("Nothing to cancel");
    // The next run continues from the checkpoint.
    const next = await call(b.client, "run_debug", { project_dir: dir, engine: "embedded", state: undefined, wait_seconds: 0.5 });
    expect(next.data.status).toBe("running");
    await call(b.client, "cancel_run", { run_id: next.data.run_id });
  });

  it.skipIf(!sdkPython)("a server killed outright (SIGKILL) during a real-SDK run with a state override: the connector dies with it, interrupted, previous state back", async () => {
    const dir = makeConnector(
      `${HEADER}import os, time\ndef update(configuration, state):\n    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pid.txt"), "w") as f:\n        f.write(str(os.getpid()))\n    op.upsert("items", {"id": 1})\n    time.sleep(300)\n    op.checkpoint({"cursor": "late"})\nconnector = Connector(update=update)\n`,
      {},
      root,
    );
    mkdirSync(join(dir, "files"), { recursive: true });
    writeFileSync(join(dir, "files", "state.json"), JSON.stringify({ cursor: "previous" }));
    const a = await startServer();
    const started = await call(a.client, "run_debug", { project_dir: dir, engine: "sdk", python: sdkPython, state: { cursor: "override" }, wait_seconds: 0.5 });
    expect(started.isError).toBe(false);
    expect(started.data.status).toBe("running");
    await until("the connector to start", () => (existsSync(join(dir, "pid.txt")) ? readFileSync(join(dir, "pid.txt"), "utf8") : undefined));
    expect(stateOnDisk(dir)).toEqual({ cursor: "override" });
    process.kill(a.transport.pid!, "SIGKILL");
    await until("the server to die", () => !alive(a.transport.pid!), 5_000);
    // The tree supervisor (ftmcp_supervise.py) takes the connector down with the server (PR_SET_PDEATHSIG): no orphan.
    await until("the connector to die with the server", () => processesIn(dir).length === 0, 5_000);

    const b = await startServer();
    const s = await call(b.client, "run_status", { run_id: started.data.run_id, wait_seconds: 5 });
    expect(s.data.status).toBe("interrupted");
    expect(s.data.error?.kind).toBe("interrupted");
    await until("the orphaned connector to be stopped", () => processesIn(dir).length === 0, 5_000);
    // Nothing was committed under the override, so the previous state is back, as the embedded engine leaves it.
    expect(stateOnDisk(dir)).toEqual({ cursor: "previous" });
    expect(readdirSync(join(dir, "files")).filter((f) => f.startsWith(".state"))).toEqual([]);
  });

  it("an unknown or malformed run_id is a clear not_found, never a path", async () => {
    const s = await startServer();
    for (const id of ["00000000-0000-4000-8000-000000000000", "../../etc/passwd", "x".repeat(36)]) {
      const r = await call(s.client, "run_status", { run_id: id, wait_seconds: 0 });
      expect(r.isError).toBe(true);
      expect(r.text).toContain("No run with id");
    }
  });
});
