import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolError } from "../../src/errors.js";
import { runSync } from "../../src/runner/index.js";
import { HEADER, makeConnector } from "./helpers.js";

/**
 * How the embedded engine learns which Python runs the connector: the harness's first record says it, so the
 * interpreter starts once per run (a pyenv shim costs ~300 ms a start). A missing, broken or too old interpreter is
 * still a usage error (python_not_found) and never a failed sync; the version still reaches the result.
 */
const CONNECTOR = `${HEADER}
def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"n": 1})

connector = Connector(update=update)
`;
const SYSTEM = ["/usr/bin/python3", "/usr/local/bin/python3"].find((p) => existsSync(p));
const pyenv = (v: string) => [join(homedir(), ".pyenv", "versions", v, "bin", "python")].find((p) => existsSync(p));

async function usageError(p: Promise<unknown>): Promise<ToolError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ToolError);
  return e as ToolError;
}

/** A python that counts its own starts in a file, then runs the real interpreter. */
function countingPython(dir: string, real: string): { path: string; starts: () => number } {
  const log = join(dir, "starts.log");
  const path = join(dir, "counting-python");
  writeFileSync(path, `#!/bin/sh\necho start >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(path, 0o755);
  return { path, starts: () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0) };
}

describe("the embedded engine's Python", () => {
  it.runIf(SYSTEM !== undefined)("starts once per run (no separate version probe) and its version is in the result", async () => {
    const dir = makeConnector(CONNECTOR);
    const py = countingPython(dir, SYSTEM!);
    const r = await runSync({ projectDir: dir, engine: "embedded", python: py.path });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("succeeded");
    expect(py.starts()).toBe(1);
    const { execFileSync } = await import("node:child_process");
    expect(r.python).toBe(execFileSync(SYSTEM!, ["-c", "import sys; print(sys.version.split()[0])"], { encoding: "utf8" }).trim());
  });

  it("an interpreter that does not exist → python_not_found naming it", async () => {
    const dir = makeConnector(CONNECTOR);
    const e = await usageError(runSync({ projectDir: dir, engine: "embedded", python: "python3-not-installed-here" }));
    expect(e.code).toBe("python_not_found");
    expect(e.message).toContain("python3-not-installed-here");
    expect(e.message).toMatch(/not found/);
    expect(e.hint).toContain("3.9");
    // The warehouse, opened in parallel to save time, is removed again: `fivetran debug` leaves no files/ either.
    expect(existsSync(join(dir, "files"))).toBe(false);
  });

  it("a program that is not Python → python_not_found with what it said", async () => {
    const dir = makeConnector(CONNECTOR);
    const fake = join(dir, "not-python");
    writeFileSync(fake, "#!/bin/sh\necho 'this is not python' >&2\nexit 3\n");
    chmodSync(fake, 0o755);
    const e = await usageError(runSync({ projectDir: dir, engine: "embedded", python: fake }));
    expect(e.code).toBe("python_not_found");
    expect(e.message).toContain("this is not python");
    expect(existsSync(join(dir, "files"))).toBe(false);
  });

  it.runIf(pyenv("3.8.18") !== undefined)("Python 3.8 → python_not_found: too old, connectors need 3.9 or newer; the connector never ran", async () => {
    const dir = makeConnector(`import pathlib\npathlib.Path(__file__).with_name("ran").write_text("yes")\n${CONNECTOR}`);
    const e = await usageError(runSync({ projectDir: dir, engine: "embedded", python: pyenv("3.8.18") }));
    expect(e.code).toBe("python_not_found");
    expect(e.message).toMatch(/Python 3\.8\.18 .* is too old; connectors need 3\.9 or newer/);
    expect(existsSync(join(dir, "ran"))).toBe(false);
  });

  it.runIf(pyenv("2.7.18") !== undefined)("Python 2.7 → python_not_found: too old", async () => {
    const dir = makeConnector(CONNECTOR);
    const e = await usageError(runSync({ projectDir: dir, engine: "embedded", python: pyenv("2.7.18") }));
    expect(e.code).toBe("python_not_found");
    expect(e.message).toMatch(/too old; connectors need 3\.9 or newer/);
  });

  it.runIf(pyenv("3.8.18") !== undefined)("engine auto with Python 3.8 → python_not_found too", async () => {
    const dir = makeConnector(CONNECTOR);
    const e = await usageError(runSync({ projectDir: dir, python: pyenv("3.8.18") }));
    expect(e.code).toBe("python_not_found");
    expect(e.message).toMatch(/too old/);
  });
  it.runIf(SYSTEM !== undefined)("a version manager's python3 shim starts the first run only; later runs start the interpreter it picked", async () => {
    const dir = makeConnector(CONNECTOR);
    const bin = realpathSync(mkdtempSync(join(tmpdir(), "shim-bin-")));
    const cache = realpathSync(mkdtempSync(join(tmpdir(), "shim-cache-")));
    const log = join(bin, "starts.log");
    // What pyenv puts on PATH: a small script naming its manager, which execs the version it picks.
    writeFileSync(join(bin, "python3"), `#!/bin/sh\n# pyenv shim stand-in\necho start >> '${log}'\nexec '${SYSTEM}' "$@"\n`);
    chmodSync(join(bin, "python3"), 0o755);
    const starts = () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0);
    const saved = { PATH: process.env.PATH, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
    process.env.PATH = `${bin}:${saved.PATH ?? ""}`;
    process.env.XDG_CACHE_HOME = cache;
    try {
      for (let i = 0; i < 3; i++) {
        const r = await runSync({ projectDir: dir, engine: "embedded" });
        expect(r.error).toBeUndefined();
        expect(r.status).toBe("succeeded");
      }
      expect(starts()).toBe(1);
      // A .python-version in the folder may pick another version: the shim is asked again.
      writeFileSync(join(dir, ".python-version"), "system\n");
      expect((await runSync({ projectDir: dir, engine: "embedded" })).status).toBe("succeeded");
      expect(starts()).toBe(2);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(bin, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
