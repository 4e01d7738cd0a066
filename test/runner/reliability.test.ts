import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { existsSync, mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run as cliDebug } from "../../src/cli/debug.js";
import { runSync, startRun } from "../../src/runner/index.js";
import { spawnSupervised } from "../../src/runner/process.js";
import { createServer } from "../../src/server.js";
import { HEADER, makeConnector } from "./helpers.js";
import { processesIn } from "../helpers/process.js";

/** Writes a few committed rows first, so every test can check that earlier checkpoints survive the failure. */
const COMMITTED = `
    for i in range(5):
        op.upsert("items", {"id": i})
    op.checkpoint({"n": 5})
`;
const SCHEMA = `connector = Connector(update=update, schema=lambda c: [{"table": "items", "primary_key": ["id"]}])\n`;

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

describe("reliability under load", () => {
  it("1. a connector printing ~1 GB to stdout is stopped at the output limit; the log tail stays bounded, checkpoints kept", async () => {
    const dir = makeConnector(`${HEADER}
def update(configuration, state):${COMMITTED}
    line = "x" * 1023
    for _ in range(1024 * 1024):  # ~1 GB
        print(line)
${SCHEMA}`);
    const before = process.memoryUsage().rss;
    const r = await runSync({ projectDir: dir, engine: "embedded", outputLimitMb: 8, timeoutSeconds: 60 });
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("output_limit");
    expect(r.error?.message).toContain("more than 8 MB");
    expect(r.error?.hint).toContain("--output-limit");
    expect(r.rowsPerTable.items).toBe(5);
    expect(r.state).toEqual({ n: 5 });
    expect(r.logTail.length).toBeLessThanOrEqual(100);
    // Stopped early: far less than the 1 GB it tried to write went through in the time taken.
    expect(r.durationMs).toBeLessThan(30_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  }, 40_000);

  it("1b. stderr without any newline cannot grow a line buffer: the run stops at the limit", async () => {
    const dir = makeConnector(`${HEADER}import sys
def update(configuration, state):${COMMITTED}
    chunk = "y" * 65536
    for _ in range(16 * 1024):  # ~1 GB, no newline
        sys.stderr.write(chunk)
${SCHEMA}`);
    const r = await runSync({ projectDir: dir, engine: "embedded", outputLimitMb: 8, timeoutSeconds: 60 });
    expect(r.error?.kind).toBe("output_limit");
    expect(r.rowsPerTable.items).toBe(5);
    // Lines are cut at 64 KiB, then each kept line at 2,000 characters.
    expect(r.logTail.length).toBeLessThanOrEqual(100);
    for (const l of r.logTail) expect(l.length).toBeLessThan(2_200);
  }, 40_000);

  it("4b. CLI: debug --memory-limit MB and --output-limit MB reach the run; bad values are usage errors (exit 2)", async () => {
    const dir = makeConnector(`${HEADER}
def update(configuration, state):${COMMITTED}
    hoard = []
    for _ in range(10000):
        hoard.append(bytearray(10 * 1024 * 1024))
${SCHEMA}`);
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: () => {} };
    expect(await cliDebug([dir, "--engine", "embedded", "--memory-limit", "120", "--json"], io)).toBe(1);
    expect(JSON.parse(out[0])).toMatchObject({ status: "failed", error: { kind: "memory" }, rows_per_table: { items: 5 } });
    expect(await cliDebug([dir, "--memory-limit", "lots"], io)).toBe(2);
    expect(await cliDebug([dir, "--output-limit", "0"], io)).toBe(2);
  }, 30_000);

  it("4c. the resident-memory watchdog (the SDK engine's only guard) stops a process past memoryLimitMb", async () => {
    const p = spawnSupervised({
      file: "python3",
      args: ["-c", "import time\nb = bytearray(300 * 1024 * 1024)\nfor i in range(0, len(b), 4096): b[i] = 1\ntime.sleep(30)"],
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      memoryLimitMb: 100,
      timeoutMs: 20_000,
    });
    const exit = await p.exited;
    expect(p.stopReason).toBe("memory");
    expect(exit.signal).toBe("SIGTERM");
  }, 25_000);

  it("2. a connector that never yields is ended by timeout_seconds with kind timeout, checkpoints kept", async () => {
    const dir = makeConnector(`${HEADER}
def update(configuration, state):${COMMITTED}
    while True:
        pass
${SCHEMA}`);
    const r = await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 2 });
    expect(r.status).toBe("timeout");
    expect(r.error?.kind).toBe("timeout");
    expect(r.error?.hint).toContain("timeout_seconds");
    expect(r.rowsPerTable.items).toBe(5);
    expect(r.state).toEqual({ n: 5 });
  }, 20_000);

  it("3. a connector that forks leaves no process behind, whether the run succeeds, fails, times out or is cancelled", async () => {
    const code = `${HEADER}import os, subprocess, time
def update(configuration, state):${COMMITTED}
    child = subprocess.Popen(["sleep", "1000"])
    pid = os.fork()
    if pid == 0:
        time.sleep(1000)
        os._exit(0)
    with open("pids", "w") as f:
        f.write("%d %d" % (child.pid, pid))
    mode = configuration["mode"]
    if mode == "fail":
        raise RuntimeError("failed on purpose")
    if mode == "hang":
        time.sleep(1000)
${SCHEMA}`;
    for (const mode of ["succeed", "fail", "timeout", "cancel"] as const) {
      const dir = makeConnector(code, { mode: mode === "timeout" || mode === "cancel" ? "hang" : mode });
      const h = startRun({ projectDir: dir, engine: "embedded", timeoutSeconds: mode === "timeout" ? 3 : 30 });
      const pidFile = join(dir, "pids");
      expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").includes(" "), 10_000)).toBe(true);
      // In a PID namespace the pids the connector wrote mean nothing here: its processes are found by its folder.
      // (A run that succeeds or fails may be over already; one that hangs still has them all.)
      if (mode === "timeout" || mode === "cancel") expect(processesIn(dir).length, mode).toBeGreaterThanOrEqual(3);
      if (mode === "cancel") {
        const { cancelRun } = await import("../../src/runner/index.js");
        await cancelRun(h.runId);
      }
      const r = await h.done;
      expect(r.status, mode).toBe({ succeed: "succeeded", fail: "failed", timeout: "timeout", cancel: "cancelled" }[mode]);
      expect(r.rowsPerTable.items).toBe(5);
      // The group is killed as the leader exits; give the kernel a moment to deliver it.
      expect(await until(() => processesIn(dir).length === 0, 3_000), `${mode}: ${processesIn(dir).join(",")} still alive`).toBe(true);
    }
  }, 45_000);

  it("4d. a connector holding just under memory_limit_mb is not stopped by the watchdog for the interpreter's own memory", async () => {
    // The harness allows the connector memory_limit_mb on top of what its interpreter holds at start-up (RLIMIT_AS):
    // a watchdog stopping at the bare limit stopped this sync, and raced the harness's own MemoryError under load.
    const dir = makeConnector(`${HEADER}
import time
def update(configuration, state):
    block = bytearray(85 * 1024 * 1024)
    for i in range(0, len(block), 4096):
        block[i] = 1
    time.sleep(1.2)
    op.upsert("items", {"id": 1})
${SCHEMA}`);
    const r = await runSync({ projectDir: dir, engine: "embedded", memoryLimitMb: 100, timeoutSeconds: 30 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("succeeded");
    expect(r.peakRssMb ?? 0).toBeGreaterThan(100);
  }, 40_000);

  it("4. a connector allocating without bound stops at memory_limit_mb with kind memory and a hint naming the 1 GB limit", async () => {
    const dir = makeConnector(`${HEADER}
def update(configuration, state):${COMMITTED}
    hoard = []
    for _ in range(10000):  # up to ~100 GB
        hoard.append(bytearray(10 * 1024 * 1024))
${SCHEMA}`);
    const r = await runSync({ projectDir: dir, engine: "embedded", memoryLimitMb: 150, timeoutSeconds: 30 });
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("memory");
    expect(r.error?.message).toContain("memory_limit_mb 150");
    expect(r.error?.hint).toContain("1 GB");
    expect(r.error?.line).toBe(10);
    expect(r.rowsPerTable.items).toBe(5);
    expect(r.state).toEqual({ n: 5 });
    expect(r.peakRssMb ?? 0).toBeLessThan(300);
  }, 40_000);
});

describe("reliability: four syncs through one server", () => {
  type Res = { isError?: boolean; content: { type: string; text: string }[]; structuredContent?: Record<string, unknown> };
  const root = realpathSync(mkdtempSync(join(tmpdir(), "reliability-")));
  const writer = (rows: number, every: number, pause: number) => `${HEADER}import time
def update(configuration, state):
    for i in range(${rows}):
        op.upsert("items", {"id": i, "v": "r%d" % i})
        if (i + 1) % ${every} == 0:
            op.checkpoint({"n": i + 1})
        time.sleep(${pause})
${SCHEMA}`;

  it("5. run_debug on four connectors at once, reads during a sync, cancel mid-write: every call answered, nothing lost", async () => {
    const { server } = createServer({ roots: [root] });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: "reliability", version: "0" });
    await client.connect(b);
    const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 }) as Promise<Res>;
    try {
      const slow = makeConnector(writer(200, 20, 0.02), undefined, root);
      const small = makeConnector(writer(30, 10, 0), undefined, root);
      const medium = makeConnector(writer(70, 7, 0), undefined, root);
      // Commits 40 rows, then writes on without a checkpoint until it is cancelled.
      const cancelled = makeConnector(
        `${HEADER}import time
def update(configuration, state):
    for i in range(40):
        op.upsert("items", {"id": i})
    op.checkpoint({"n": 40})
    for i in range(40, 100000):
        op.upsert("items", {"id": i})
        time.sleep(0.002)
${SCHEMA}`,
        undefined,
        root,
      );

      const [rSlow, rSmall, rMedium, rCancel] = await Promise.all([
        call("run_debug", { project_dir: slow, engine: "embedded", wait_seconds: 0 }),
        call("run_debug", { project_dir: small, engine: "embedded", wait_seconds: 50 }),
        call("run_debug", { project_dir: medium, engine: "embedded", wait_seconds: 50 }),
        call("run_debug", { project_dir: cancelled, engine: "embedded", wait_seconds: 0 }),
      ]);
      expect(rSmall.isError, rSmall.content[0].text).toBeFalsy();
      expect(rSmall.structuredContent).toMatchObject({ status: "succeeded", rows_per_table: { items: 30 } });
      expect(rMedium.structuredContent).toMatchObject({ status: "succeeded", rows_per_table: { items: 70 } });
      const slowId = rSlow.structuredContent!.run_id as string;
      const cancelId = rCancel.structuredContent!.run_id as string;
      const statusOf = async (id: string) => (await call("run_status", { run_id: id, wait_seconds: 0 })).structuredContent as { status: string; counts: { upserts: number; checkpoints: number } };

      // Reads while the slow one syncs: committed rows only (a multiple of its checkpoint interval) or a clear error.
      let s = await statusOf(slowId);
      for (let i = 0; i < 100 && s.status === "running" && s.counts.checkpoints < 1; i++) {
        await new Promise((r) => setTimeout(r, 50));
        s = await statusOf(slowId);
      }
      expect(s.status).toBe("running");
      const q = await call("query_warehouse", { project_dir: slow, sql: "SELECT count(*) AS n FROM items" });
      if (q.isError) expect(q.content[0].text).toMatch(/sync in progress|in use/);
      else {
        const n = Number((q.structuredContent!.rows as unknown[][])[0][0]);
        expect(n % 20).toBe(0);
        expect(n).toBeGreaterThanOrEqual(20);
        expect(n).toBeLessThan(200);
      }
      const d = await call("describe_warehouse", { project_dir: slow });
      if (d.isError) expect(d.content[0].text).toMatch(/sync in progress|in use/);
      else expect(JSON.stringify(d.structuredContent)).toContain('"items"');

      // Cancel mid-write: after its checkpoint, while uncommitted rows are streaming in.
      let c = await statusOf(cancelId);
      for (let i = 0; i < 200 && c.status === "running" && c.counts.upserts < 60; i++) {
        await new Promise((r) => setTimeout(r, 50));
        c = await statusOf(cancelId);
      }
      expect(c.status).toBe("running");
      expect(c.counts.checkpoints).toBe(1);
      const cr = await call("cancel_run", { run_id: cancelId });
      expect(cr.structuredContent).toMatchObject({ status: "cancelled", rows_per_table: { items: 40 }, state: { n: 40 }, error: { kind: "cancelled" } });
      const after = await call("query_warehouse", { project_dir: cancelled, sql: "SELECT count(*), max(id) FROM items" });
      expect(after.isError, after.content[0].text).toBeFalsy();
      expect((after.structuredContent!.rows as unknown[][])[0].map(Number)).toEqual([40, 39]);

      // The slow one finishes with every row.
      let done = await call("run_status", { run_id: slowId, wait_seconds: 30 });
      expect(done.structuredContent).toMatchObject({ status: "succeeded", rows_per_table: { items: 200 }, state: { n: 200 } });
      done = await call("query_warehouse", { project_dir: slow, sql: "SELECT count(DISTINCT id) FROM items" });
      expect(Number((done.structuredContent!.rows as unknown[][])[0][0])).toBe(200);
    } finally {
      await client.close();
      await server.close();
    }
  }, 60_000);

  it("1c. through the server, a connector printing ~1 GB ends with output_limit at the default 100 MB and the client is not flooded with log notifications", async () => {
    const { server } = createServer({ roots: [root] });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: "reliability", version: "0" });
    const logs: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      logs.push(String(n.params.data));
    });
    await client.connect(b);
    try {
      const dir = makeConnector(
        `${HEADER}
def update(configuration, state):${COMMITTED}
    line = "x" * 1023
    for _ in range(1024 * 1024):  # ~1 GB
        print(line)
${SCHEMA}`,
        undefined,
        root,
      );
      const started = Date.now();
      const r = (await client.callTool({ name: "run_debug", arguments: { project_dir: dir, engine: "embedded" } }, undefined, { timeout: 60_000 })) as Res;
      const seconds = (Date.now() - started) / 1000;
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent).toMatchObject({ status: "failed", error: { kind: "output_limit" }, rows_per_table: { items: 5 }, state: { n: 5 } });
      expect((r.structuredContent!.error as { message: string }).message).toContain("more than 100 MB");
      await new Promise((res) => setTimeout(res, 200));
      // ~100,000 lines went through before the cap; the client gets a bounded share of them and a note saying so:
      // the rate limit allows a burst of 500, then 100 a second (rateLimitedLog), so a slower machine gets more.
      expect(logs.length).toBeGreaterThan(10);
      expect(logs.length).toBeLessThanOrEqual(500 + 100 * seconds + 50);
      expect(logs.length).toBeLessThan(10_000);
      expect(logs.some((l) => /not forwarded/.test(l))).toBe(true);
    } finally {
      await client.close();
      await server.close();
    }
  }, 40_000);
});
