import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/built.js";
import { processesIn } from "../helpers/process.js";
import { alive, startRaw, type RawServer } from "../clients/raw.js";

/**
 * The built server as clients run it: it answers on stdout with protocol messages only, and it
 * exits with code 0, quickly, when the client closes stdin or sends a signal (the SDK client
 * escalates to SIGTERM after 2 s, so anything slower leaves orphans).
 */
const started: RawServer[] = [];
function start(args: string[] = [], env: Record<string, string> = {}): RawServer {
  const s = startRaw(args, env);
  started.push(s);
  return s;
}

afterEach(() => {
  for (const s of started.splice(0)) if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill("SIGKILL");
});

beforeAll(() => {
  ensureBuilt();
}, 180_000);

function everyLineIsJsonRpc(lines: string[]): string[] {
  return lines.filter((l) => {
    if (l.trim() === "") return true;
    try {
      return (JSON.parse(l) as { jsonrpc?: string }).jsonrpc !== "2.0";
    } catch {
      return true;
    }
  });
}

describe("stdio server lifecycle", () => {
  it("writes only JSON-RPC to stdout and exits 0 within 2 s when stdin closes", async () => {
    const s = start();
    const init = (await s.initialize()) as { serverInfo: { name: string } };
    expect(init.serverInfo.name).toBe("fivetran-connector-mcp");
    const tools = await s.request("tools/list");
    expect((tools.result as { tools: unknown[] }).tools.length).toBeGreaterThan(0);
    await s.request("resources/list");
    const t0 = Date.now();
    s.proc.stdin.end();
    const { code, signal, at } = await s.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(at - t0).toBeLessThan(2_000);
    expect(everyLineIsJsonRpc(s.lines)).toEqual([]);
    expect(s.stderr()).toContain("shutting down (stdin closed)");
  });

  for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    it(`exits 0 within 2 s on ${sig}`, async () => {
      const s = start();
      await s.initialize();
      const t0 = Date.now();
      s.proc.kill(sig);
      const { code, signal, at } = await s.exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(at - t0).toBeLessThan(2_000);
      expect(s.stderr()).toContain(`shutting down (${sig})`);
    });
  }

  it("exits when the client goes away before initializing", async () => {
    const s = start();
    s.proc.stdin.end();
    const { code } = await s.exited;
    expect(code).toBe(0);
  });

  it("the SDK client's close() ends the server by closing stdin, before its 2 s SIGTERM", async () => {
    const cli = ensureBuilt();
    const transport = new StdioClientTransport({ command: process.execPath, args: [cli], cwd: "/", env: getDefaultEnvironment(), stderr: "pipe" });
    let stderr = "";
    transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: "lifecycle", version: "0" });
    await client.connect(transport);
    const pid = transport.pid;
    expect(pid).toBeTypeOf("number");
    await client.listTools();
    const t0 = Date.now();
    await client.close();
    // The SDK waits up to 2 s for the exit and then signals; the log line tells which ended it.
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(stderr).toContain("shutting down (stdin closed)");
    expect(alive(pid!)).toBe(false);
  });

  it("survives malformed input and answers the next request", async () => {
    const s = start();
    await s.initialize();
    s.send("this is not json");
    s.send('{"jsonrpc":"2.0","id":');
    s.send(JSON.stringify({ jsonrpc: "2.0", id: "x", method: 42 }));
    s.send(JSON.stringify([1, 2, 3]));
    const unknown = await s.request("no/such/method");
    expect(unknown.error?.code).toBe(-32601);
    const tools = await s.request("tools/list");
    expect((tools.result as { tools: unknown[] }).tools.length).toBeGreaterThan(0);
    expect(s.proc.exitCode).toBeNull();
    expect(everyLineIsJsonRpc(s.lines)).toEqual([]);
  });
});

/**
 * A connector that syncs without end and starts a child process of its own; the test kills the
 * server in each way a client can and looks for any of those processes afterwards.
 */
const ENDLESS_CONNECTOR = `
import os, subprocess, time
from fivetran_connector_sdk import Connector, Operations as op

def schema(configuration):
    return [{"table": "ticks", "primary_key": ["id"]}]

def update(configuration, state):
    here = os.path.dirname(os.path.abspath(__file__))
    child = subprocess.Popen(["sleep", "300"])
    with open(os.path.join(here, "pids.txt"), "w") as f:
        f.write(f"{os.getpid()} {child.pid}")
    i = 0
    while True:
        op.upsert("ticks", {"id": i})
        i += 1
        if i % 50 == 0:
            op.checkpoint({"i": i})
        time.sleep(0.01)

connector = Connector(update=update, schema=schema)
`;

describe("no process left when the server dies mid-sync", () => {
  function project(): string {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "lifecycle-sync-")));
    writeFileSync(join(dir, "connector.py"), ENDLESS_CONNECTOR);
    writeFileSync(join(dir, "configuration.json"), "{}");
    writeFileSync(join(dir, "requirements.txt"), "");
    mkdirSync(join(dir, "files"), { recursive: true });
    return dir;
  }

  async function pidsOnceSyncing(dir: string): Promise<number[]> {
    const file = join(dir, "pids.txt");
    for (let i = 0; i < 300 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(file), "the connector started and wrote its pids").toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    // The connector runs in a PID namespace, where the pids it wrote mean nothing here: every process working in its
    // folder (supervisor, namespace init, connector, its child) is what must go.
    const pids = processesIn(dir);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    return pids;
  }

  /** The pids still alive after `ms`, each with its command line so a failure says which one. */
  async function goneWithin(pids: number[], ms: number): Promise<string[]> {
    const until = Date.now() + ms;
    while (Date.now() < until && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
    return pids.filter(alive).map((p) => {
      try {
        return `${p} ${readFileSync(`/proc/${p}/cmdline`, "utf8").replace(/\0/g, " ").trim()}`;
      } catch {
        return String(p);
      }
    });
  }

  for (const how of ["stdin closed", "SIGTERM", "SIGKILL"] as const) {
    it(`${how}: the connector and its child are gone`, async () => {
      const dir = project();
      const s = start(["--workspace", dir]);
      await s.initialize();
      // Start the run without waiting for it: the answer may come only after the sync ends.
      void s.request("tools/call", { name: "run_debug", arguments: { project_dir: dir } }, 120_000).catch(() => {});
      const pids = await pidsOnceSyncing(dir);
      expect(pids.every(alive)).toBe(true);
      if (how === "stdin closed") s.proc.stdin.end();
      else s.proc.kill(how);
      await s.exited;
      // SIGKILL gives the server no chance to clean up: the Python side must notice its parent died.
      expect(await goneWithin(pids, how === "SIGKILL" ? 10_000 : 3_000)).toEqual([]);
    }, 90_000);
  }
});
