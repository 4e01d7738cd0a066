import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registerTool } from "../../src/mcp/register.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { cancelRunTool } from "../../tools/cancel_run.js";
import { runDebug } from "../../tools/run_debug.js";
import { runStatus } from "../../tools/run_status.js";
import { HEADER, makeConnector } from "../runner/helpers.js";

const root = realpathSync(mkdtempSync(join(tmpdir(), "run-contract-")));

async function connect() {
  const server = new McpServer({ name: "t", version: "0" }, { capabilities: { logging: {} } });
  const ws = new Workspace({ roots: [root], enforce: true });
  for (const t of [runDebug, runStatus, cancelRunTool]) registerTool(server, t, ws);
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: "c", version: "0" });
  await client.connect(b);
  return client;
}

const SLOW = `${HEADER}import time
def update(configuration, state):
    for i in range(600):
        op.upsert("t", {"id": i})
        if i % 10 == 0:
            op.checkpoint({"i": i})
        time.sleep(0.01)
connector = Connector(update=update)
`;

type Data = {
  status: string;
  run_id: string;
  counts?: { upserts: number; checkpoints: number };
  error?: { kind: string; message: string };
  rows_per_table?: Record<string, number>;
  state?: Record<string, unknown>;
};

describe("run_debug / run_status / cancel_run over MCP", () => {
  it("lists the tools with schemas and honest annotations", async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    const run = tools.find((t) => t.name === "run_debug")!;
    expect(run.outputSchema).toBeDefined();
    expect(Object.keys(run.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(["project_dir", "configuration", "state", "reset", "engine", "python", "timeout_seconds", "wait_seconds"]));
    expect(run.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });
    expect(tools.find((t) => t.name === "run_status")!.annotations?.readOnlyHint).toBe(true);
  });

  it("returns the full result with structuredContent, progress, logs and the SYNC PROGRESS block", async () => {
    const client = await connect();
    const logs: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(String(n.params.data)));
    await client.setLoggingLevel("debug");
    const dir = makeConnector(
      `${HEADER}def update(configuration, state):\n    log.info("syncing")\n    for i in range(3):\n        op.upsert("t", {"id": i})\n    op.checkpoint({"done": True})\nconnector = Connector(update=update)\n`,
      {},
      root,
    );
    const progress: number[] = [];
    const res = await client.callTool({ name: "run_debug", arguments: { project_dir: dir, engine: "embedded" } }, undefined, { onprogress: (p) => progress.push(p.progress) });
    expect(res.isError).toBeFalsy();
    const data = res.structuredContent as Data;
    expect(data.status).toBe("succeeded");
    expect(data.rows_per_table).toEqual({ t: 3 });
    const content = res.content as { text: string }[];
    expect(JSON.parse(content[0].text)).toEqual(data);
    expect(content[1].text).toMatch(/SYNC SUCCEEDED — total elapsed \d\d:\d\d:\d\d\.\d{3}\nOperation {7}\| Counts {4}\n-{16}\+-{12}\nUpserts {9}\| 3 {9}\n[\s\S]*File uploads {4}\| 0 {9}$/);
    expect(progress.length).toBeGreaterThan(0);
    expect(logs.some((l) => l.includes("syncing"))).toBe(true);
  });

  it("a missing folder is isError with a hint; a failed sync is a result with the error", async () => {
    const client = await connect();
    const res = await client.callTool({ name: "run_debug", arguments: { project_dir: join(root, "nope") } });
    expect(res.isError).toBe(true);
    expect((res.content as { text: string }[])[0].text).toMatch(/not_found[\s\S]*Next:/);
    const dir = makeConnector(`${HEADER}def update(configuration, state):\n    raise ValueError("bad page")\nconnector = Connector(update=update)\n`, {}, root);
    const r2 = await client.callTool({ name: "run_debug", arguments: { project_dir: dir, engine: "embedded" } });
    expect(r2.isError).toBeFalsy();
    expect((r2.structuredContent as Data).error).toMatchObject({ kind: "connector_exception" });
    expect((r2.content as { text: string }[])[1].text).toContain("SYNC FAILED");
  });

  it("a long sync returns a run_id; run_status reports it; cancel_run stops it and keeps the checkpoint", async () => {
    const client = await connect();
    const dir = makeConnector(SLOW, {}, root);
    const res = await client.callTool({ name: "run_debug", arguments: { project_dir: dir, engine: "embedded", wait_seconds: 0.5 } });
    const data = res.structuredContent as Data;
    expect(data.status).toBe("running");
    const st = await client.callTool({ name: "run_status", arguments: { run_id: data.run_id, wait_seconds: 0.5 } });
    expect((st.structuredContent as Data).status).toBe("running");
    const c = await client.callTool({ name: "cancel_run", arguments: { run_id: data.run_id } });
    const final = c.structuredContent as Data;
    expect(final.status).toBe("cancelled");
    expect(final.error?.kind).toBe("cancelled");
    const i = Number((final.state as { i: number }).i);
    expect(final.rows_per_table?.t).toBe(i + 1);
    const again = await client.callTool({ name: "run_status", arguments: { run_id: data.run_id } });
    expect((again.structuredContent as Data).status).toBe("cancelled");
    const unknown = await client.callTool({ name: "run_status", arguments: { run_id: "nope" } });
    expect(unknown.isError).toBe(true);
  });

  it("cancelling the request (AbortSignal) cancels the sync it started", async () => {
    const client = await connect();
    const dir = makeConnector(SLOW, {}, root);
    const ac = new AbortController();
    const call = client.callTool({ name: "run_debug", arguments: { project_dir: dir, engine: "embedded" } }, undefined, { signal: ac.signal });
    setTimeout(() => ac.abort(), 1000);
    await expect(call).rejects.toThrow();
    // The server side finishes the cancellation: a new run of the same folder is accepted once it has.
    let res;
    for (let k = 0; k < 50; k++) {
      res = await client.callTool({ name: "run_debug", arguments: { project_dir: dir, engine: "embedded", wait_seconds: 0 } });
      if (!res.isError) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(res?.isError).toBeFalsy();
    await client.callTool({ name: "cancel_run", arguments: { run_id: (res?.structuredContent as Data).run_id } });
  });
});
