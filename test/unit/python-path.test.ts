import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cacheFile, choosePython, rememberPython } from "../../src/exec/python-path.js";

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), "pypath-")));
  made.push(d);
  return d;
}

describe("the compile check's interpreter: a version-manager shim is resolved once", () => {
  it("a plain python3 on PATH is used as is, with nothing cached", () => {
    const bin = tmp();
    const real = join(bin, "python3");
    writeFileSync(real, "\x7fELF");
    chmodSync(real, 0o755);
    const env = { PATH: bin, XDG_CACHE_HOME: tmp() };
    expect(choosePython(env, bin)).toEqual({ command: real });
  });

  it("a pyenv shim is used the first time, then the interpreter it picked, until the selected version changes", () => {
    const bin = tmp();
    const shim = join(bin, "python3");
    writeFileSync(shim, '#!/usr/bin/env bash\nexec "/root/.pyenv/libexec/pyenv" exec "python3" "$@"\n');
    chmodSync(shim, 0o755);
    const realDir = tmp();
    const real = join(realDir, "python3.11");
    writeFileSync(real, "\x7fELF");
    chmodSync(real, 0o755);
    const project = tmp();
    const env = { PATH: bin, XDG_CACHE_HOME: tmp(), PYENV_ROOT: tmp() };
    const first = choosePython(env, project);
    expect(first.command).toBe(shim);
    expect(first.shimKey).toBeTruthy();
    rememberPython(first.shimKey!, real, env);
    expect(cacheFile(env).startsWith(env.XDG_CACHE_HOME)).toBe(true);
    expect(choosePython(env, project)).toEqual({ command: real });
    // Another version selected for the project: the shim decides again.
    writeFileSync(join(project, ".python-version"), "3.12\n");
    expect(choosePython(env, project).command).toBe(shim);
    expect(choosePython({ ...env, PYENV_VERSION: "3.10" }, bin).command).toBe(shim);
  });

  it("a new project folder that selects no version of its own reuses what the shim picked for another", () => {
    // The selection depends on the version files from the folder up, not on the folder itself: a run from a new
    // folder (every benchmark run, a user's second connector) need not pay the shim's start again.
    const bin = tmp();
    const shim = join(bin, "python3");
    writeFileSync(shim, '#!/usr/bin/env bash\nexec "/root/.pyenv/libexec/pyenv" exec "python3" "$@"\n');
    chmodSync(shim, 0o755);
    const real = join(tmp(), "python3.11");
    writeFileSync(real, "\x7fELF");
    chmodSync(real, 0o755);
    const env = { PATH: bin, XDG_CACHE_HOME: tmp(), PYENV_ROOT: tmp() };
    const first = tmp();
    rememberPython(choosePython(env, first).shimKey!, real, env);
    expect(choosePython(env, tmp())).toEqual({ command: real });
    // A folder with a mise configuration of its own may select another version: the shim decides there.
    const own = tmp();
    mkdirSync(join(own, ".config"));
    writeFileSync(join(own, ".config", "mise.toml"), '[tools]\npython = "3.12"\n');
    expect(choosePython(env, own).command).toBe(shim);
  });

  it("a cached interpreter that is gone, or a relative path, is not used", () => {
    const bin = tmp();
    const shim = join(bin, "python3");
    writeFileSync(shim, '#!/bin/sh\nexec asdf exec python3 "$@"\n');
    chmodSync(shim, 0o755);
    const env = { PATH: bin, XDG_CACHE_HOME: tmp() };
    const first = choosePython(env, bin);
    rememberPython(first.shimKey!, join(bin, "missing-python"), env);
    expect(choosePython(env, bin).command).toBe(shim);
    rememberPython(first.shimKey!, "python3.11", env);
    expect(choosePython(env, bin).command).toBe(shim);
  });
});

describe("rememberPython where the cache folder cannot be made", () => {
  // Node's recursive mkdirSync never returns when mkdir keeps answering ENOENT under an existing parent (procfs
  // does): the runner calls rememberPython on every run through a shim, so such a cache path must only cost speed.
  it.runIf(existsSync("/proc/self"))("returns at once for a cache folder under /proc", () => {
    // In a child process (a timeout ends it), from the build: the loop it guards against would never return.
    const mod = pathToFileURL(join(process.cwd(), "dist", "src", "exec", "python-path.js")).href;
    const script = `const { rememberPython } = await import(${JSON.stringify(mod)}); rememberPython("k", "/usr/bin/python3", { XDG_CACHE_HOME: "/proc/ftmcp-no-such-folder" }); console.log("returned");`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000 });
    expect(r.stdout.trim()).toBe("returned");
  });
});
