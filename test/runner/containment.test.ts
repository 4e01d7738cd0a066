import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { HARNESS_DIR } from "../../src/paths.js";
import { spawnSupervised } from "../../src/runner/process.js";
import { ensureBuilt } from "../helpers/built.js";

/**
 * The tree supervisor's PID namespace (src/runner/harness/ftmcp_supervise.py --pidns), through the one spawn path
 * the engines use: what the program sees, and that exit codes, signals and the memory watchdog come through it.
 * Whether this kernel allows the namespace is asked the way the server asks (--probe); the containment the spawn
 * reports must agree with that answer, and the namespace's behaviour is checked where it is available.
 */
const SUPERVISOR = join(HARNESS_DIR, "ftmcp_supervise.py");
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const linux = process.platform === "linux";
const namespaces = linux && spawnSync(PYTHON, ["-I", "-S", SUPERVISOR, "--probe"], { stdio: "ignore" }).status === 0;

function run(code: string, extra: { memoryLimitMb?: number } = {}) {
  const p = spawnSupervised({ file: PYTHON, args: ["-c", code], cwd: tmpdir(), env: { PATH: process.env.PATH ?? "/usr/bin:/bin" }, timeoutMs: 20_000, containWith: PYTHON, ...extra });
  const out: Buffer[] = [];
  p.stdout?.on("data", (c: Buffer) => out.push(c));
  return { p, done: p.exited.then((e) => ({ ...e, out: Buffer.concat(out).toString() })) };
}

describe.runIf(linux)("process containment", () => {
  it("the spawn reports the containment the kernel allows (pid_namespace when --probe succeeds, else process_group_subreaper)", async () => {
    const { p, done } = run("pass");
    expect(p.containment).toBe(namespaces ? "pid_namespace" : "process_group_subreaper");
    expect((await done).exitCode).toBe(0);
  });

  it("the namespace probe runs in the background (the event loop turns meanwhile), once per interpreter, and the spawn then reports its answer", async () => {
    // A fresh module: nothing probed yet in this process.
    vi.resetModules();
    const child = await import("../../src/exec/child.js");
    let turned = false;
    setImmediate(() => (turned = true));
    const probing = child.prepareContainment(PYTHON);
    expect(child.prepareContainment(PYTHON)).toBe(probing);
    await probing;
    // A probe run with spawnSync would have settled before the loop turned once.
    expect(turned).toBe(true);
    const c = child.startChild({ file: PYTHON, args: ["-c", "pass"], env: { PATH: process.env.PATH ?? "/usr/bin:/bin" }, io: { stdin: "ignore" }, timeoutMs: 20_000, containWith: PYTHON });
    expect(c.containment).toBe(namespaces ? "pid_namespace" : "process_group_subreaper");
    expect((await c.sub).exitCode).toBe(0);
    c.dispose();
  });

  it.runIf(namespaces)("in the namespace the program is pid 2 and sees only init and itself; sys.exit(7), os._exit(3) and a signal come through as they were", async () => {
    const seen = await run("import os\nprint(os.getpid(), sorted(int(n) for n in os.listdir('/proc') if n.isdigit()))").done;
    expect(seen.out.trim()).toBe("2 [1, 2]");
    expect((await run("import sys\nsys.exit(7)").done).exitCode).toBe(7);
    expect((await run("import os\nos._exit(3)").done).exitCode).toBe(3);
    const killed = await run("import os, signal\nos.kill(os.getpid(), signal.SIGTERM)").done;
    expect(killed.signal).toBe("SIGTERM");
  });

  it.runIf(namespaces)("a program that SIGKILLs its parent (init) and unmounts /proc → init lives on, /proc stays the namespace's", async () => {
    const r = await run(
      "import ctypes, os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nlibc = ctypes.CDLL(None, use_errno=True)\nprint(libc.umount2(b'/proc', 2) == 0, sorted(int(n) for n in os.listdir('/proc') if n.isdigit()))",
    ).done;
    expect(r.exitCode).toBe(0);
    expect(r.out.trim()).toBe("False [1, 2]");
  });

  it.runIf(namespaces)(
    "the memory watchdog reads the program inside the namespace (not init) and stops it past memoryLimitMb",
    async () => {
      const { p, done } = run("import time\nb = bytearray(300 * 1024 * 1024)\nfor i in range(0, len(b), 4096): b[i] = 1\ntime.sleep(30)", { memoryLimitMb: 100 });
      await done;
      expect(p.stopReason).toBe("memory");
    },
    25_000,
  );

  // The tests run as root here; the namespace must work for an ordinary user too (a user namespace is then what
  // allows it), which setpriv shows by dropping to nobody.
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p));
  it.runIf(namespaces && process.getuid?.() === 0 && setpriv !== undefined)(
    "as an unprivileged user (nobody, via setpriv) → --probe succeeds and the program runs as pid 2 in its own /proc, with its exit code",
    () => {
      const asNobody = (args: string[]) => spawnSync(setpriv!, ["--reuid=65534", "--regid=65534", "--clear-groups", PYTHON, "-I", "-S", SUPERVISOR, ...args], { cwd: "/", encoding: "utf8" });
      expect(asNobody(["--probe"]).status).toBe(0);
      const r = asNobody(["--pidns", PYTHON, "-c", "import os, sys\nprint(os.getpid(), os.getuid(), sorted(int(n) for n in os.listdir('/proc') if n.isdigit()))\nsys.exit(5)"]);
      expect(r.stdout.trim()).toBe("2 65534 [1, 2]");
      expect(r.status).toBe(5);
    },
  );

  // A user namespace without id mappings is one place where the kernel refuses another one: it stands in for the
  // hardened kernels and container profiles where --probe fails and the server uses the subreaper.
  const unshare = ["/usr/bin/unshare", "/bin/unshare"].find((p) => existsSync(p));
  it.runIf(unshare !== undefined)(
    "where the kernel refuses the namespace (unshare --user without id maps) → --probe fails, --pidns refuses to run the program (exit 125, naming the way out), the subreaper still runs it",
    () => {
      const inside = (args: string[]) => spawnSync(unshare!, ["--user", PYTHON, "-I", "-S", SUPERVISOR, ...args], { cwd: "/", encoding: "utf8" });
      const probe = inside(["--probe"]);
      // (The kernel refuses a user namespace to a process whose uid has no mapping in its own.)
      expect(probe.status).not.toBe(0);
      const r = inside(["--pidns", PYTHON, "-c", "print('ran')"]);
      expect(r.status).toBe(125);
      expect(r.stdout).not.toContain("ran");
      expect(r.stderr).toContain("cannot create the PID namespace");
      expect(r.stderr).toContain("FIVETRAN_CONNECTOR_MCP_CONTAINMENT=subreaper");
      expect(inside([PYTHON, "-c", "import sys; sys.exit(4)"]).status).toBe(4);
    },
  );

  // The same refusing kernel, for the speculative start the embedded engine uses (the harness starts before the probe
  // answered): the program must not have run in the refused namespace, and the next start follows the answer.
  it.runIf(unshare !== undefined)(
    "a speculative start where the probe then refuses the namespace → confirmed() is false, the program never ran; the next start uses the subreaper and runs it",
    () => {
      const child = pathToFileURL(join(dirname(ensureBuilt()), "exec", "child.js")).href;
      const script = `const child = await import(${JSON.stringify(child)});
const PY = ${JSON.stringify(PYTHON)};
void child.prepareContainment(PY);
const opts = { file: PY, args: ["-c", "print('ran')"], env: { PATH: "/usr/bin:/bin" }, io: { stdio: ["ignore", "pipe", "pipe"] }, timeoutMs: 20000, containWith: PY, speculate: true };
const first = child.startChild(opts);
const speculative = first.containment;
const ok = await first.confirmed();
const r = await first.sub;
first.dispose();
const again = child.startChild(opts);
const r2 = await again.sub;
again.dispose();
console.log(JSON.stringify({ speculative, ok, out: String(r.stdout), stopReason: first.stopReason, again: again.containment, againOk: await again.confirmed(), againOut: String(r2.stdout) }));`;
      const r = spawnSync(unshare!, ["--user", process.execPath, "--input-type=module", "-e", script], { cwd: "/", encoding: "utf8", timeout: 30_000 });
      expect(JSON.parse(r.stdout.trim())).toEqual({ speculative: "pid_namespace", ok: false, out: "", stopReason: "failed", again: "process_group_subreaper", againOk: true, againOut: "ran" });
    },
    // (ensureBuilt may have to build dist/ first.)
    200_000,
  );
});
