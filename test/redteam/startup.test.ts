import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/built.js";
import { harness, type Harness } from "./lib/issue-12b-server.js";
import { leftIn } from "./lib/s5-12p-tree.js";

/**
 * The start of a run, probed from outside: ftmcp_boot.py (the first script the interpreter runs, whose first channel
 * line says which Python this is), the namespace probe that may answer after the harness started, and what a
 * connector folder or its code can do before its job arrives.
 */

const PLAIN = `from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    op.upsert("items", {"id": 1})

connector = Connector(update=update)
`;

/** Python the folder's sitecustomize.py and usercustomize.py run: a marker, then a forged version line on fd 3. */
const CUSTOMIZE = (marker: string) => `import os
open(os.path.join(os.getcwd(), ${JSON.stringify(marker)}), "w").close()
try:
    os.write(3, b'{"t": "python", "version": "3.99.0"}\\n')
except OSError:
    pass
`;

/** A connector whose import leaves a daemon (setsid, every fd closed) and notes each import in `imported`. */
const DAEMON_AT_IMPORT = `import os, time
from fivetran_connector_sdk import Connector, Operations as op

with open(os.path.join(os.getcwd(), "imported"), "a") as f:
    f.write("x")
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.closerange(0, 1024)
        time.sleep(300)
    os._exit(0)

def update(configuration, state):
    time.sleep(300)

connector = Connector(update=update)
`;

/** The same daemon, but update() upserts and returns. */
const DAEMON_THEN_RETURN = DAEMON_AT_IMPORT.replace("    time.sleep(300)\n\nconnector", '    op.upsert("items", {"id": 1})\n\nconnector');

/** Whether this machine can host a server whose kernel refuses the PID namespace (see refusingServer). */
function canRefuse(): boolean {
  if (process.platform !== "linux") return false;
  const r = spawnSync("unshare", ["-r", "sh", "-c", "echo 1 > /proc/sys/user/max_user_namespaces"], { stdio: "ignore" });
  return r.status === 0;
}
const REFUSING = canRefuse();

/**
 * A stdio server of its own, so that its namespace probe is asked afresh. With `refuse`, it runs in a user namespace
 * (`unshare -r`) that allows one more below it, not two: the supervisor's first namespace is made, init's second one
 * (which locks /proc) is refused, so the probe answers no, as on a kernel that forbids them.
 */
async function stdioServer(ws: string, refuse: boolean) {
  const cli = ensureBuilt();
  const transport = refuse
    ? new StdioClientTransport({
        command: "unshare",
        args: ["-r", "sh", "-c", 'echo 1 > /proc/sys/user/max_user_namespaces && exec "$0" "$@"', process.execPath, cli, "serve", "--workspace", ws],
        env: { ...getDefaultEnvironment() },
        stderr: "ignore",
      })
    : new StdioClientTransport({ command: process.execPath, args: [cli, "serve", "--workspace", ws], env: { ...getDefaultEnvironment() }, stderr: "ignore" });
  const client = new Client({ name: "redteam-startup", version: "0" });
  await client.connect(transport);
  const call = async (name: string, args: Record<string, unknown>) => {
    const r = await client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 });
    const text = `${(r.content as { text?: string }[]).map((c) => c.text ?? "").join("\n")}\n${JSON.stringify(r.structuredContent ?? {})}`;
    return { text, data: r.structuredContent as Record<string, unknown> | undefined };
  };
  return { call, close: () => client.close().catch(() => {}) };
}

describe("The run's start-up (ftmcp_boot.py, the namespace probe)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness("rt7-startup");
  });
  afterAll(async () => {
    await h.close();
  });
  const folders: string[] = [];
  afterEach(async () => {
    for (const dir of folders.splice(0)) await leftIn(dir, 0);
  });
  /** An embedded run of a folder whose code forges a record on fd 3: it fails, naming the malformed record. */
  const forgedRunFails = async (dir: string): Promise<void> => {
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 });
    expect(a.isError).toBe(false);
    expect(a.text).toContain('"status": "failed"');
    expect(a.text).toContain("malformed record");
  };

  it("a PYTHONPATH with an empty entry in the server's environment (`export PYTHONPATH=$PYTHONPATH:/x` with none set), sitecustomize.py and usercustomize.py in the connector folder forging the version line → neither runs, the run says the real Python", async () => {
    const before = process.env.PYTHONPATH;
    process.env.PYTHONPATH = ":/nonexistent-rt7";
    try {
      const dir = h.connector("customize", PLAIN, {}, { "sitecustomize.py": CUSTOMIZE("SITE_RAN"), "usercustomize.py": CUSTOMIZE("USER_RAN") });
      folders.push(dir);
      const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 });
      expect(a.text).toContain('"status": "succeeded"');
      expect(existsSync(join(dir, "SITE_RAN"))).toBe(false);
      expect(existsSync(join(dir, "USER_RAN"))).toBe(false);
      expect(a.data?.python).not.toBe("3.99.0");
      expect(a.data?.python).toMatch(/^3\.\d+\.\d+/);
    } finally {
      if (before === undefined) delete process.env.PYTHONPATH;
      else process.env.PYTHONPATH = before;
    }
  });

  it("a connector that SIGSTOPs its process group (kill(0)) and has a helper SIGCONT it → the supervisor outside the namespace is not stopped, the run succeeds at once", async () => {
    const dir = h.connector(
      "stop-group",
      `import os, signal, time
from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    me = os.getpid()
    r, w = os.pipe()
    if os.fork() == 0:
        os.setsid()
        os.write(w, b"x")
        time.sleep(0.5)
        os.kill(me, signal.SIGCONT)
        os._exit(0)
    os.read(r, 1)
    os.kill(0, signal.SIGSTOP)
    op.upsert("items", {"id": 1})

connector = Connector(update=update)
`,
    );
    folders.push(dir);
    const started = Date.now();
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55, timeout_seconds: 30 });
    expect(a.text).toContain('"status": "succeeded"');
    expect(a.text).toContain('"containment":"pid_namespace"');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 90_000);

  it('connector code writing {"t": "error", "message": 123} to fd 3 at import → a failed run naming the malformed record, not an internal error', async () => {
    const dir = h.connector("forged-error", `import os\nos.write(3, b'{"t": "error", "kind": "connector_exception", "message": 123}\\n')\n${PLAIN}`);
    await forgedRunFails(dir);
    // The folder is not left locked: the next run starts (and fails the same way).
    const again = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 });
    expect(again.text).toContain("malformed record");
  });

  it('connector code writing {"t": "start", "sdk_version": {...}} to fd 3 at import → a failed run naming the malformed record, not an output-schema error', async () => {
    const dir = h.connector("forged-start", `import os\nos.write(3, b'{"t": "start", "sdk_version": {"x": [1]}, "python": 3}\\n')\n${PLAIN}`);
    await forgedRunFails(dir);
  });

  it('connector code writing {"t": "checkpoint", "text": 5} to fd 3 → a failed run; files/state.json never holds what no checkpoint could write', async () => {
    const dir = h.connector("forged-checkpoint", `import os\nos.write(3, b'{"t": "checkpoint", "text": 5, "shown": 7}\\n')\n${PLAIN}`);
    await forgedRunFails(dir);
    const state = join(dir, "files", "state.json");
    if (existsSync(state)) expect(JSON.parse(readFileSync(state, "utf8"))).toBeTypeOf("object");
  });

  it("a .pth file in the folder's .venv that writes a version line before ftmcp_boot.py (3.99.1) → the run fails naming the extra version line and reports the interpreter's real version", async () => {
    const dir = h.connector("pth-forge", PLAIN);
    execFileSync("python3", ["-m", "venv", "--without-pip", join(dir, ".venv")]);
    const lib = join(dir, ".venv", "lib");
    writeFileSync(join(lib, readdirSync(lib)[0], "site-packages", "forge.pth"), `import os; os.write(3, b'{"t": "python", "version": "3.99.1"}\\n')\n`);
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 });
    expect(a.text).toContain('"status": "failed"');
    expect(a.text).toContain("more than one Python version line");
    expect(a.data?.python).not.toBe("3.99.1");
    expect(a.data?.python).toMatch(/^3\.\d+\.\d+/);
  });

  it("files/state.json of 1.5 MB (a cursor for each of 40,000 entities) → the job reaches the harness at once, the run succeeds well before timeout_seconds", async () => {
    const cursors = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`entity_${i}`, `2024-01-01T00:00:00.${String(i).padStart(6, "0")}Z`]));
    const dir = h.connector("big-state", PLAIN, {}, { "files/state.json": JSON.stringify(cursors) });
    const started = Date.now();
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55, timeout_seconds: 40 });
    expect(a.text).toContain('"status": "succeeded"');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 90_000);

  it("a configuration argument with a 1 MB value → the job reaches the harness at once, the run succeeds well before timeout_seconds", async () => {
    const dir = h.connector("big-configuration", PLAIN);
    const started = Date.now();
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", configuration: { certificate: "x".repeat(1024 * 1024) }, wait_seconds: 55, timeout_seconds: 40 });
    expect(a.text).toContain('"status": "succeeded"');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 90_000);

  it("a connector that leaves a daemon at import, cancelled at once on a fresh server (racing the namespace probe) → cancelled, its code run at most once, nothing left", async () => {
    const s = await stdioServer(h.ws, false);
    try {
      const dir = h.connector("cancel-fresh", DAEMON_AT_IMPORT);
      folders.push(dir);
      const started = await s.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 0, timeout_seconds: 30 });
      const runId = started.data?.run_id as string;
      expect(runId).toBeTruthy();
      await s.call("cancel_run", { run_id: runId });
      const done = await s.call("run_status", { run_id: runId, wait_seconds: 15 });
      expect(done.text).toContain('"status": "cancelled"');
      // Idle, the cancel arrives before the probe answers and the code never runs; on a loaded machine the probe can
      // answer first (CI, once), and the harness then imports connector.py. Either way once at most: a child started
      // on speculation gets no job before the probe agrees, so it is never imported twice.
      const imported = join(dir, "imported");
      expect(["", "x"]).toContain(existsSync(imported) ? readFileSync(imported, "utf8") : "");
      expect(await leftIn(dir, 3_000)).toEqual([]);
    } finally {
      await s.close();
    }
  }, 90_000);

  it.skipIf(!REFUSING)(
    "a kernel that refuses the PID namespace (the probe answers no after the harness started) and a connector that leaves a daemon at import → the connector is imported once, under the subreaper, the run succeeds, nothing left",
    async () => {
      const s = await stdioServer(h.ws, true);
      try {
        const dir = h.connector("refused", DAEMON_THEN_RETURN);
        folders.push(dir);
        const a = await s.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55, timeout_seconds: 30 });
        expect(a.text).toContain('"status": "succeeded"');
        expect(a.text).toContain('"containment":"process_group_subreaper"');
        // The refused namespace's complaint is the server's business, not the connector's log.
        expect(a.text).not.toContain("cannot set up the PID namespace");
        expect(readFileSync(join(dir, "imported"), "utf8")).toBe("x");
        expect(await leftIn(dir, 3_000)).toEqual([]);
      } finally {
        await s.close();
      }
    },
    90_000,
  );

  it.skipIf(!REFUSING)(
    "the same refusing kernel, the run cancelled at once → cancelled, the connector never imported, nothing left",
    async () => {
      const s = await stdioServer(h.ws, true);
      try {
        const dir = h.connector("refused-cancel", DAEMON_AT_IMPORT);
        folders.push(dir);
        const started = await s.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 0, timeout_seconds: 30 });
        const runId = started.data?.run_id as string;
        await s.call("cancel_run", { run_id: runId });
        const done = await s.call("run_status", { run_id: runId, wait_seconds: 15 });
        expect(done.text).toContain('"status": "cancelled"');
        expect(existsSync(join(dir, "imported"))).toBe(false);
        expect(await leftIn(dir, 3_000)).toEqual([]);
      } finally {
        await s.close();
      }
    },
    90_000,
  );
});
