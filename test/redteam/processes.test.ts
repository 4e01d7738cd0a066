import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/built.js";
import { realSdkPython } from "../helpers/env.js";
import { processesIn } from "../helpers/process.js";
import { harness, pidsIn, PROXY_URL, SECRETS, type Harness } from "./lib/issue-12b-server.js";
import { leftIn } from "./lib/s5-12p-tree.js";

/**
 * A connector whose processes try to outlive the sync. `escape` is Python run first in update(); each process it
 * leaves behind appends its pid to pids.txt (in the connector folder) before it sleeps. `then` is what update()
 * does afterwards: return, raise, or spin until the run is stopped.
 */
function escaping(escape: string, then: "return" | "raise" | "spin"): string {
  const after = then === "return" ? "op.upsert('items', {'id': 1})" : then === "raise" ? "raise RuntimeError('boom after escaping')" : "while True:\n        pass";
  return `import os, signal, subprocess, sys, time
from fivetran_connector_sdk import Connector, Operations as op

PIDS = os.path.join(os.getcwd(), "pids.txt")

def report_and_sleep():
    with open(PIDS, "a") as f:
        f.write("%d\\n" % os.getpid())
    time.sleep(300)
    os._exit(0)

def double_fork(ignore_term=False, new_group_only=False):
    pid = os.fork()
    if pid == 0:
        if new_group_only:
            os.setpgid(0, 0)
        else:
            os.setsid()
        if os.fork() == 0:
            if ignore_term:
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
            report_and_sleep()
        os._exit(0)
    os.waitpid(pid, 0)

def wait_for(n):
    for _ in range(200):
        try:
            with open(PIDS) as f:
                if len(f.read().split()) >= n:
                    return
        except OSError:
            pass
        time.sleep(0.01)

def update(configuration, state):
${escape
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
    ${after}

connector = Connector(update=update)
`;
}

const SETSID = "double_fork()\nwait_for(1)";

/**
 * A connector that hunts for FIVETRAN_API_KEY where a process of the same user can read it: the environ of its parent
 * and every ancestor, then the environ and cmdline of every process in /proc. It writes what it found to found.json.
 */
const SCANNER = `import json, os
from fivetran_connector_sdk import Connector, Operations as op

def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None

def hits_in(blob):
    return [kv.decode("utf-8", "replace") for kv in (blob or b"").split(b"\\0") if kv.startswith(b"FIVETRAN_API_KEY=") or kv.startswith(b"GITHUB_TOKEN=")]

def update(configuration, state):
    found = {"ancestors": [], "readable": 0, "hits": [], "cmdlines": []}
    pid = os.getppid()
    while pid > 0 and len(found["ancestors"]) < 50:
        found["ancestors"].append(pid)
        found["hits"] += hits_in(read("/proc/%d/environ" % pid))
        stat = read("/proc/%d/stat" % pid)
        if not stat:
            break
        pid = int(stat[stat.rindex(b")") + 2:].split()[1])
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        env = read("/proc/%s/environ" % name)
        if env is not None:
            found["readable"] += 1
        found["hits"] += hits_in(env)
        cmd = read("/proc/%s/cmdline" % name)
        if cmd:
            found["cmdlines"].append(cmd.decode("utf-8", "replace"))
    with open(os.path.join(os.getcwd(), "found.json"), "w") as f:
        json.dump(found, f)
    op.upsert("items", {"id": 1})

connector = Connector(update=update)
`;

/**
 * The escapee of the outside red team: a grandchild in a session of its own that keeps no fd of the run, runs a new
 * program with an empty environment (no mark of the tree), while its grandparent SIGKILLs its own parent. It writes
 * `started` at once and `marker` 3 s later, after the sync ended.
 */
const ESCAPEE = `import os, signal, sys, time
from fivetran_connector_sdk import Connector, Operations as op

HERE = os.getcwd()
LATER = "import os, sys, time\\nd = sys.argv[1]\\nopen(os.path.join(d, 'started'), 'w').close()\\ntime.sleep(3)\\nopen(os.path.join(d, 'marker'), 'w').write('escaped')\\n"

def update(configuration, state):
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            os.closerange(0, 65536)
            os.execve(sys.executable, [sys.executable, "-c", LATER, HERE], {})
        os._exit(0)
    os.waitpid(pid, 0)
    for _ in range(300):
        if os.path.exists(os.path.join(HERE, "started")):
            break
        time.sleep(0.01)
    try:
        os.kill(os.getppid(), signal.SIGKILL)
    except OSError:
        pass
    time.sleep(0.2)
    op.upsert("items", {"id": 1})

connector = Connector(update=update)
`;

// Lint-clean, so deploy's pre-checks let it through to the (fake) CLI.
const DEPLOYABLE = `"""A minimal connector for the deploy probe."""
from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    yield op.upsert(table="items", data={"id": 1})
    yield op.checkpoint(state={"synced": True})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
`;

describe("Processes a connector leaves behind", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness("rt12b-proc");
  });
  afterAll(async () => {
    await h.close();
  });
  // Folders of a test's connector: whatever still works in one after the test is killed here, pass or fail.
  const reported: string[] = [];
  afterEach(async () => {
    for (const dir of reported.splice(0)) await leftIn(dir, 0);
  });

  async function probe(name: string, code: string, args: Record<string, unknown> = {}, expected = 1) {
    const dir = h.connector(name, code);
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55, ...args });
    const pids = pidsIn(join(dir, "pids.txt"));
    expect(pids.length).toBe(expected);
    return { a, left: await leftIn(dir) };
  }

  it("a double fork + setsid() grandchild, then update() returns → the grandchild is gone when the run ends", async () => {
    const { a, left } = await probe("setsid-ok", escaping(SETSID, "return"));
    expect(a.text).toContain('"status": "succeeded"');
    expect(left).toEqual([]);
  });

  it("a double fork + setsid() grandchild, then update() raises → gone, the run failed", async () => {
    const { a, left } = await probe("setsid-raise", escaping(SETSID, "raise"));
    expect(a.text).toContain("boom after escaping");
    expect(left).toEqual([]);
  });

  it("a double fork + setsid() grandchild, then update() spins past timeout_seconds → gone, status timeout", async () => {
    const { a, left } = await probe("setsid-timeout", escaping(SETSID, "spin"), { timeout_seconds: 2 });
    expect(a.text).toContain('"status": "timeout"');
    expect(left).toEqual([]);
  });

  it("a double fork + setsid() grandchild, then cancel_run → gone, status cancelled", async () => {
    const dir = h.connector("setsid-cancel", escaping(SETSID, "spin"));
    const started = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 1 });
    const runId = (started.data as { run_id?: string }).run_id;
    expect(runId).toBeTruthy();
    for (let i = 0; i < 100 && pidsIn(join(dir, "pids.txt")).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const c = await h.call("cancel_run", { run_id: runId });
    expect(c.isError).toBe(false);
    await h.call("run_status", { run_id: runId, wait_seconds: 10 });
    const pids = pidsIn(join(dir, "pids.txt"));
    expect(pids.length).toBe(1);
    expect(await leftIn(dir)).toEqual([]);
  });

  it("a setsid() grandchild that ignores SIGTERM → gone (the supervisor sends SIGKILL)", async () => {
    const { left } = await probe("setsid-ignore", escaping("double_fork(ignore_term=True)\nwait_for(1)", "return"));
    expect(left).toEqual([]);
  });

  it("subprocess.Popen(['sleep', '300'], start_new_session=True) → gone when the run ends", async () => {
    const { left } = await probe("popen-session", escaping("p = subprocess.Popen(['sleep', '300'], start_new_session=True)\nwith open(PIDS, 'a') as f:\n    f.write('%d\\n' % p.pid)", "return"));
    expect(left).toEqual([]);
  });

  it("ten setsid() grandchildren → all ten gone", async () => {
    const { left } = await probe("setsid-ten", escaping("for _ in range(10):\n    double_fork()\nwait_for(10)", "return"), {}, 10);
    expect(left).toEqual([]);
  });

  it("a grandchild in a process group of its own (setpgid, no new session) → gone", async () => {
    const { left } = await probe("setpgid", escaping("double_fork(new_group_only=True)\nwait_for(1)", "return"));
    expect(left).toEqual([]);
  });

  it("a plain fork() child that sleeps, then update() returns → gone (no wait until the timeout either)", async () => {
    const started = Date.now();
    const { left } = await probe("fork", escaping("if os.fork() == 0:\n    report_and_sleep()\nwait_for(1)", "return"), { timeout_seconds: 120 });
    expect(left).toEqual([]);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it("a double fork + setsid() under the real SDK engine (`fivetran debug`) → gone when the run ends", async () => {
    const python = realSdkPython();
    expect(python, "the real SDK in .cache/test-venv runs this probe").toBeTruthy();
    const dir = h.connector("setsid-sdk", escaping(SETSID, "return"));
    const a = await h.call("run_debug", { project_dir: dir, engine: "sdk", python: python!, wait_seconds: 55 });
    expect(a.text).toContain('"status": "succeeded"');
    const pids = pidsIn(join(dir, "pids.txt"));
    expect(pids.length).toBe(1);
    expect(await leftIn(dir)).toEqual([]);
  });

  it("a setsid() grandchild, then the stdio server is SIGKILLed mid-sync → the grandchild is gone too", async () => {
    const dir = h.connector("setsid-serverkill", escaping(SETSID, "spin"));
    const transport = new StdioClientTransport({ command: process.execPath, args: [ensureBuilt(), "serve", "--workspace", h.ws], env: { ...getDefaultEnvironment() }, stderr: "ignore" });
    const client = new Client({ name: "redteam-12b-kill", version: "0" });
    await client.connect(transport);
    await client.callTool({ name: "run_debug", arguments: { project_dir: dir, engine: "embedded", wait_seconds: 0 } });
    for (let i = 0; i < 200 && pidsIn(join(dir, "pids.txt")).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const pids = pidsIn(join(dir, "pids.txt"));
    expect(pids.length).toBe(1);
    process.kill(transport.pid!, "SIGKILL");
    expect(await leftIn(dir, 5_000)).toEqual([]);
    await client.close().catch(() => {});
  }, 120_000);

  const KILLS_PARENT = escaping(
    [
      "p = subprocess.Popen(['sleep', '30'], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)",
      "with open(PIDS, 'a') as f:",
      "    f.write('%d\\n' % p.pid)",
      "child = os.fork()",
      "if child == 0:",
      "    os.setsid()",
      "    os.execvp('sleep', ['sleep', '31'])",
      "with open(PIDS, 'a') as f:",
      "    f.write('%d\\n' % child)",
      "os.kill(os.getppid(), signal.SIGKILL)",
      "time.sleep(1)",
    ].join("\n"),
    "return",
  );

  it("a connector that SIGKILLs its parent (the PID namespace's init) and leaves a setsid() sleep and a new-session Popen sleep → init survives it, the run succeeds, both sleeps are gone", async () => {
    const dir = h.connector("init-killed", KILLS_PARENT);
    reported.push(dir);
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 28, timeout_seconds: 25 });
    expect(a.text).toContain('"status": "succeeded"');
    expect(a.text).toContain('"containment":"pid_namespace"');
    expect(pidsIn(join(dir, "pids.txt")).length).toBe(2);
    expect(await leftIn(dir, 5_000)).toEqual([]);
  }, 90_000);

  // Where the kernel allows no PID namespace, the supervisor is an ordinary process a connector can kill; the
  // server forced to that fallback must still end the run and everything that kept its output.
  describe("without a PID namespace (process group + subreaper only)", () => {
    beforeAll(() => {
      process.env.FIVETRAN_CONNECTOR_MCP_CONTAINMENT = "subreaper";
    });
    afterAll(() => {
      delete process.env.FIVETRAN_CONNECTOR_MCP_CONTAINMENT;
    });

    it("a connector that SIGKILLs its supervisor, leaving a setsid() sleep that holds the channel and a new-session Popen sleep, then cancel_run → cancel_run answers, the run ends, the folder unlocks, both sleeps are gone", async () => {
      const dir = h.connector("supervisor-killed", KILLS_PARENT);
      const pidsFile = join(dir, "pids.txt");
      reported.push(dir);
      const started = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 0, timeout_seconds: 25 });
      const runId = (started.data as { run_id?: string }).run_id;
      expect(runId).toBeTruthy();
      for (let i = 0; i < 200 && pidsIn(pidsFile).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      expect(pidsIn(pidsFile).length).toBe(2);
      // Bounded by the client: a cancel that never answers fails here, not at the suite's timeout.
      const cancel = await h.client.callTool({ name: "cancel_run", arguments: { run_id: runId } }, undefined, { timeout: 15_000 });
      expect(cancel.content).toBeDefined();
      const done = await h.call("run_status", { run_id: runId, wait_seconds: 15 });
      expect(done.text).not.toContain('"status": "running"');
      expect(done.text).toMatch(/"status": "(cancelled|failed)"/);
      expect(done.text).toContain('"containment":"process_group_subreaper"');
      expect(await leftIn(dir, 5_000)).toEqual([]);
      // The folder is free again: the next run of a plain connector starts and succeeds.
      writeFileSync(join(dir, "connector.py"), escaping("pass", "return"));
      const again = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 20, timeout_seconds: 20 });
      expect(again.text).toContain('"status": "succeeded"');
    }, 90_000);

    it("the same connector, not cancelled → run_debug answers failed, saying the process tree was killed from inside, well before timeout_seconds", async () => {
      const dir = h.connector("supervisor-killed-wait", KILLS_PARENT);
      reported.push(dir);
      const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 28, timeout_seconds: 25 });
      expect(a.text).toContain('"status": "failed"');
      expect(a.text).toContain("killed from inside");
      expect(pidsIn(join(dir, "pids.txt")).length).toBe(2);
      expect(await leftIn(dir, 5_000)).toEqual([]);
    }, 90_000);
  });

  // A tight loop that fills the operation channel faster than the warehouse applies it: the connector is blocked in a
  // write when the engine stops the run, and the run must still come back.
  const FLOOD = "i = 0\nwhile True:\n    op.upsert('items', {'id': i, 'pad': 'x' * 2000})\n    i += 1";

  it("a tight upsert loop that fills the operation channel, then timeout_seconds passes → run_debug answers status timeout", async () => {
    const dir = h.connector("flood-timeout", escaping(FLOOD, "return"));
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 40, timeout_seconds: 2 });
    expect(a.text).toContain('"status": "timeout"');
  }, 90_000);

  it("a tight upsert loop that fills the operation channel, evaluated with max_rows → evaluate_connector answers, the runs capped", async () => {
    const dir = h.connector("flood-maxrows", escaping(FLOOD, "return"));
    const a = await h.call("evaluate_connector", { project_dir: dir, max_rows: 200, timeout_seconds: 60 });
    expect(a.text).toContain('"capped": true');
  }, 120_000);

  it("a tight loop of upserts and checkpoints that fills the operation channel, evaluated with max_rows → evaluate_connector answers, the runs capped", async () => {
    const dir = h.connector("flood-ckpt", escaping("i = 0\nwhile True:\n    op.upsert('items', {'id': i, 'pad': 'x' * 2000})\n    op.checkpoint({'i': i})\n    i += 1", "return"));
    const a = await h.call("evaluate_connector", { project_dir: dir, max_rows: 200, timeout_seconds: 60 });
    expect(a.text).toContain('"capped": true');
  }, 120_000);
  // A real stdio server, started the way MCP clients start it: its own environment holds the secrets from the start,
  // in the environ block the kernel shows at /proc/<pid>/environ.
  describe("against a stdio server started with FIVETRAN_API_KEY in its environment", () => {
    const KEY = `ZnRrZXktczUxMnA6${Date.now().toString(36)}c2VjcmV0LXM1MTJw`;
    const FAKE_BIN = join(import.meta.dirname, "..", "beyond", "fixtures", "fake-fivetran");
    let ws: string;
    let runs: string;
    let client: Client;
    let transport: StdioClientTransport;
    const serve = async (extra: Record<string, string> = {}) => {
      const t = new StdioClientTransport({
        command: process.execPath,
        args: [ensureBuilt(), "serve", "--workspace", ws],
        env: {
          ...getDefaultEnvironment(),
          PATH: `${FAKE_BIN}${delimiter}${process.env.PATH ?? ""}`,
          FIVETRAN_API_KEY: KEY,
          GITHUB_TOKEN: SECRETS.GITHUB_TOKEN,
          HTTPS_PROXY: PROXY_URL,
          NO_PROXY: "127.0.0.1,localhost",
          FIVETRAN_CONNECTOR_MCP_RUNS_DIR: runs,
          ...extra,
        },
        stderr: "ignore",
      });
      const c = new Client({ name: "redteam-s5-12p", version: "0" });
      await c.connect(t);
      return { t, c };
    };
    beforeAll(async () => {
      ws = realpathSync(mkdtempSync(join(tmpdir(), "rt-s5-12p-")));
      runs = join(ws, ".runs");
      ({ t: transport, c: client } = await serve());
    }, 60_000);
    afterAll(async () => {
      await client.close().catch(() => {});
      rmSync(ws, { recursive: true, force: true });
    });
    const call = async (name: string, args: Record<string, unknown>, via = client) => {
      const res = await via.callTool({ name, arguments: args }, undefined, { timeout: 120_000 });
      const text = (res.content as { text?: string }[]).map((c) => c.text ?? "").join("\n");
      return { isError: res.isError === true, text: `${text}\n${JSON.stringify(res.structuredContent ?? {})}`, data: (res.structuredContent ?? {}) as Record<string, unknown> };
    };
    const write = (dir: string, files: Record<string, string>) => {
      for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
    };

    it("a connector reads /proc/<ppid>/environ up its ancestors and scans every /proc/*/environ and /proc/*/cmdline → FIVETRAN_API_KEY is in none, the run says containment pid_namespace", async () => {
      const dir = join(ws, "scan-proc");
      mkdirSync(dir);
      write(dir, {
        "connector.py": SCANNER,
        "configuration.json": "{}",
        "requirements.txt": "",
      });
      const a = await call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 });
      expect(a.text).toContain('"status": "succeeded"');
      const found = readFileSync(join(dir, "found.json"), "utf8");
      const scan = JSON.parse(found) as { ancestors: number[]; readable: number; hits: string[] };
      // The scan ran: it read at least its own environ and named its parent.
      expect(scan.readable).toBeGreaterThan(0);
      expect(scan.ancestors.length).toBeGreaterThan(0);
      expect(scan.hits).toEqual([]);
      expect(found).not.toContain(KEY);
      expect(found).not.toContain(SECRETS.GITHUB_TOKEN);
      expect(a.data.containment).toBe("pid_namespace");
      // The run record says so too.
      const record = readdirSync(runs)
        .map((f) => readFileSync(join(runs, f), "utf8"))
        .join("\n");
      expect(record).toContain('"containment":"pid_namespace"');
    }, 90_000);

    it("the same scanner against a server without a PID namespace (FIVETRAN_CONNECTOR_MCP_CONTAINMENT=subreaper) → it reads the server's environ, which no longer holds FIVETRAN_API_KEY; the run says containment process_group_subreaper", async () => {
      const other = await serve({ FIVETRAN_CONNECTOR_MCP_CONTAINMENT: "subreaper" });
      try {
        const dir = join(ws, "scan-proc-fallback");
        mkdirSync(dir);
        write(dir, { "connector.py": SCANNER, "configuration.json": "{}", "requirements.txt": "" });
        const a = await call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 }, other.c);
        expect(a.text).toContain('"status": "succeeded"');
        expect(a.data.containment).toBe("process_group_subreaper");
        const found = readFileSync(join(dir, "found.json"), "utf8");
        const scan = JSON.parse(found) as { ancestors: number[]; hits: string[]; cmdlines: string[] };
        // Without a namespace the server is in plain sight: its pid is among the ancestors the connector walked.
        expect(scan.ancestors).toContain(other.t.pid);
        // (Other processes of the user are in sight too, and may hold keys of their own: only ours is checked.)
        expect(scan.hits.filter((x) => x.includes(KEY))).toEqual([]);
        expect(found).not.toContain(KEY);
        expect(found).not.toContain(SECRETS.GITHUB_TOKEN);
      } finally {
        await other.c.close().catch(() => {});
      }
    }, 90_000);

    it("the stdio server's own /proc/<pid>/environ after start-up → holds neither FIVETRAN_API_KEY nor the other secrets; deploy still hands the key to the fivetran CLI", async () => {
      const environ = readFileSync(`/proc/${transport.pid!}/environ`);
      for (const s of [KEY, SECRETS.GITHUB_TOKEN, SECRETS.PROXY_PASSWORD, encodeURIComponent(SECRETS.PROXY_PASSWORD)]) expect(environ.includes(s)).toBe(false);
      expect(environ.includes("FIVETRAN_CONNECTOR_MCP_RUNS_DIR=")).toBe(true);
      const dir = join(ws, "deploy-key");
      mkdirSync(dir);
      write(dir, { "connector.py": DEPLOYABLE, "configuration.json": "{}", "requirements.txt": "", ".fake-fivetran.json": JSON.stringify({ record: join(dir, "record.json") }) });
      const d = await call("deploy", { project_dir: dir, destination: "d", connection: "my_conn", confirm: true, python: "/usr/bin/python3" });
      expect(d.isError).toBe(false);
      const rec = JSON.parse(readFileSync(join(dir, "record.json"), "utf8")) as { api_key: string };
      expect(rec.api_key).toBe(KEY);
      expect(d.text).not.toContain(KEY);
    }, 90_000);

    it("a double fork + setsid() escapee that closes every fd, execs with an empty environment and SIGKILLs its parent, then writes a marker 3 s later → the marker never appears", async () => {
      const dir = join(ws, "escapee");
      mkdirSync(dir);
      write(dir, { "connector.py": ESCAPEE, "configuration.json": "{}", "requirements.txt": "" });
      const a = await call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55, timeout_seconds: 30 });
      expect(a.text).not.toContain('"status": "running"');
      // The escapee did start, and wrote when.
      expect(existsSync(join(dir, "started"))).toBe(true);
      const startedAt = statSync(join(dir, "started")).mtimeMs;
      while (Date.now() < startedAt + 4_500) await new Promise((r) => setTimeout(r, 100));
      const left = processesIn(dir);
      for (const p of left) process.kill(p, "SIGKILL");
      expect(existsSync(join(dir, "marker"))).toBe(false);
      expect(left).toEqual([]);
    }, 90_000);
  });
});
