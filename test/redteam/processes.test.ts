import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/built.js";
import { realSdkPython } from "../helpers/env.js";
import { harness, pidsIn, survivors, type Harness } from "./lib/issue-12b-server.js";

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

describe("Processes a connector leaves behind", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness("rt12b-proc");
  });
  afterAll(async () => {
    await h.close();
  });
  // Pids a test's connector reported: whatever is still alive after the test is killed here, pass or fail.
  const reported: string[] = [];
  afterEach(() => {
    for (const file of reported.splice(0)) {
      for (const pid of pidsIn(file)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
  });

  async function probe(name: string, code: string, args: Record<string, unknown> = {}, expected = 1) {
    const dir = h.connector(name, code);
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55, ...args });
    const pids = pidsIn(join(dir, "pids.txt"));
    expect(pids.length).toBe(expected);
    return { a, left: await survivors(pids) };
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
    expect(await survivors(pids)).toEqual([]);
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
    expect(await survivors(pids)).toEqual([]);
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
    expect(await survivors(pids, 5_000)).toEqual([]);
    await client.close().catch(() => {});
  }, 120_000);

  it("a connector that SIGKILLs its supervisor, leaving a setsid() sleep that holds the channel and a new-session Popen sleep, then cancel_run → cancel_run answers, the run ends, the folder unlocks, both sleeps are gone", async () => {
    const code = escaping(
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
    const dir = h.connector("supervisor-killed", code);
    const pidsFile = join(dir, "pids.txt");
    reported.push(pidsFile);
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
    expect(await survivors(pidsIn(pidsFile), 5_000)).toEqual([]);
    // The folder is free again: the next run of a plain connector starts and succeeds.
    writeFileSync(join(dir, "connector.py"), escaping("pass", "return"));
    const again = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 20, timeout_seconds: 20 });
    expect(again.text).toContain('"status": "succeeded"');
  }, 90_000);

  it("the same connector, not cancelled → run_debug answers failed, saying the process tree was killed from inside, well before timeout_seconds", async () => {
    const code = escaping(
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
    const dir = h.connector("supervisor-killed-wait", code);
    const pidsFile = join(dir, "pids.txt");
    reported.push(pidsFile);
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 28, timeout_seconds: 25 });
    expect(a.text).toContain('"status": "failed"');
    expect(a.text).toContain("killed from inside");
    expect(pidsIn(pidsFile).length).toBe(2);
    expect(await survivors(pidsIn(pidsFile), 5_000)).toEqual([]);
  }, 90_000);

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
});
