import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isRecordedVenv, recordVenv } from "../../src/deps/venv-record.js";
import { before, call, expectRefused, expectUntouched, fixture, type Fixture } from "./lib/issue-12a-fixture.js";

/** A `.venv/bin/python` that is a shell script: run, it would write a file outside and dump the environment there. */
function plantInterpreter(f: Fixture): string {
  const pwned = join(f.base, "pwned.txt");
  const bin = join(f.conn, ".venv", "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "python"), `#!/bin/sh\ncat /proc/$PPID/environ > ${pwned} 2>/dev/null; echo ran >> ${pwned}\necho 3.12.0\n`);
  chmodSync(join(bin, "python"), 0o755);
  writeFileSync(join(f.conn, ".venv", "pyvenv.cfg"), "home = /usr/bin\n");
  return pwned;
}

function requirements(f: Fixture, text: string): void {
  writeFileSync(join(f.conn, "requirements.txt"), text);
}

/** A .venv made in milliseconds, linking to the base interpreter like any venv (no pip of its own). */
function quickVenv(f: Fixture, systemSite = true): void {
  execFileSync("python3", ["-m", "venv", "--without-pip", ...(systemSite ? ["--system-site-packages"] : []), join(f.conn, ".venv")], { stdio: "ignore" });
}

function sitePackages(f: Fixture): string {
  const lib = join(f.conn, ".venv", "lib");
  return join(lib, readdirSync(lib)[0], "site-packages");
}

/** The name of the one .venv moved aside. */
function asideOf(f: Fixture): string {
  const names = readdirSync(f.conn).filter((n) => n.startsWith(".venv.untrusted-"));
  expect(names).toHaveLength(1);
  return names[0];
}

const install = (f: Fixture, extra: Record<string, unknown> = {}) => call(f, "install_requirements", { project_dir: f.conn, timeout_seconds: 60, wait_seconds: 55, ...extra });

describe("Dependencies (install_requirements)", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
  });
  afterEach(async () => {
    await f.close();
  });

  // The folder's own interpreter ------------------------------------------------------------------------------------

  it(".venv/bin/python is a planted shell script → install_requirements moves .venv aside without running it and names where; the script never runs", async () => {
    const pwned = plantInterpreter(f);
    const b = before(f);
    // A base Python that does not exist: the call stops right after the move, before building anything (cheap).
    const a = await install(f, { python: join(f.base, "no-such-python3") });
    expect(a.code).toBe("python_not_found");
    expect(existsSync(pwned)).toBe(false);
    const aside = asideOf(f);
    expect(a.text).toContain(aside);
    expect(existsSync(join(f.conn, aside, "bin", "python"))).toBe(true);
    expect(existsSync(join(f.conn, ".venv"))).toBe(false);
    expectUntouched(f, b);
  });

  it(".venv/bin/python is a link to a script elsewhere in .venv → install_requirements moves .venv aside; the script never runs", async () => {
    plantInterpreter(f);
    const pwned = join(f.base, "pwned.txt");
    execFileSync("mv", [join(f.conn, ".venv", "bin", "python"), join(f.conn, ".venv", "bin", "evil")]);
    execFileSync("ln", ["-s", "evil", join(f.conn, ".venv", "bin", "python")]);
    const b = before(f);
    const a = await install(f, { python: join(f.base, "no-such-python3") });
    expect(a.text).toContain(asideOf(f));
    expect(existsSync(pwned)).toBe(false);
    expectUntouched(f, b);
  });

  it("a .venv that came with the folder, a .pth in its site-packages running code → install_requirements never starts its Python; moved aside, the .pth never runs", async () => {
    const pwned = join(f.base, "pwned.txt");
    quickVenv(f);
    writeFileSync(join(sitePackages(f), "evil.pth"), `import os; open(${JSON.stringify(pwned)}, "w").write("ran")\n`);
    const b = before(f);
    const a = await install(f, { python: join(f.base, "no-such-python3") });
    expect(existsSync(pwned)).toBe(false);
    expect(a.text).toContain(asideOf(f));
    expectUntouched(f, b);
  });

  it("the server's own .venv, then a .pth planted in its site-packages → install_requirements moves it aside; the .pth never runs", async () => {
    const pwned = join(f.base, "pwned.txt");
    quickVenv(f);
    // Stands for a .venv an earlier install_requirements built: the same record the server writes (building one for
    // real takes seconds; the probe below does).
    recordVenv(join(f.conn, ".venv"));
    writeFileSync(join(sitePackages(f), "evil.pth"), `import os; open(${JSON.stringify(pwned)}, "w").write("ran")\n`);
    const a = await install(f, { python: join(f.base, "no-such-python3") });
    expect(existsSync(pwned)).toBe(false);
    expect(a.text).toContain(asideOf(f));
  });

  it("a package named pip/ in the connector folder (pip's working directory) → never imported: pip runs isolated (-I) from the server's own .venv", async () => {
    const pwned = join(f.base, "pwned.txt");
    quickVenv(f);
    recordVenv(join(f.conn, ".venv"));
    mkdirSync(join(f.conn, "pip"));
    const code = `open(${JSON.stringify(pwned)}, "w").write("ran")\n`;
    writeFileSync(join(f.conn, "pip", "__init__.py"), code);
    writeFileSync(join(f.conn, "pip", "__main__.py"), code);
    requirements(f, "--no-index\n");
    const b = before(f);
    const a = await install(f);
    expect(existsSync(pwned)).toBe(false);
    // The server's own venv is reused, not moved aside; pip (the base interpreter's, through system site packages)
    // ran: it finds requests there, or fails offline without it.
    expect(a.text).not.toContain(".venv.untrusted-");
    expect(a.code === undefined || a.code === "dependency").toBe(true);
    if (!a.isError) expect(a.data?.created).toBe(false);
    expectUntouched(f, b);
  }, 60_000);

  it(".venv/bin/python is a planted shell script, recreate: true → .venv moved aside (not deleted), rebuilt from python3 without running the script; the new one is recorded for reuse", async () => {
    const pwned = plantInterpreter(f);
    // --no-index keeps pip off the network: it fails fast on requests, which proves it ran in the rebuilt .venv.
    requirements(f, "--no-index\n");
    const b = before(f);
    const a = await install(f, { recreate: true });
    expect(existsSync(pwned)).toBe(false);
    expect(a.code === undefined || a.code === "dependency").toBe(true);
    expect(existsSync(join(f.conn, asideOf(f), "bin", "python"))).toBe(true);
    const real = realpathSync(join(f.conn, ".venv", "bin", "python"));
    expect(relative(f.conn, real).startsWith("..")).toBe(true);
    // Recorded as the server's own: the next call reuses it (a second pip run would cost seconds more to show it).
    expect(isRecordedVenv(join(f.conn, ".venv"))).toBe(true);
    expectUntouched(f, b);
  }, 180_000);

  // The folder's interpreter as the connector's (run_debug) ------------------------------------------------------------

  it(".venv/bin/python is a link to a script in the sibling folder → run_debug isError python_not_found; the script never runs", async () => {
    const pwned = join(f.base, "pwned.txt");
    const evil = join(f.sibling, ".venv", "bin", "python");
    mkdirSync(dirname(evil), { recursive: true });
    writeFileSync(evil, `#!/bin/sh\necho ran > ${pwned}\nexec python3 "$@"\n`);
    chmodSync(evil, 0o755);
    mkdirSync(join(f.conn, ".venv", "bin"), { recursive: true });
    symlinkSync(evil, join(f.conn, ".venv", "bin", "python"));
    const b = before(f);
    const a = await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" });
    expectRefused(f, a, b, "python_not_found");
    expect(a.text).toContain("install_requirements");
    expect(existsSync(pwned)).toBe(false);
  });

  it(".venv/bin/python is a link to the sibling's .venv/bin/python (itself a link to python3) → run_debug isError python_not_found", async () => {
    execFileSync("python3", ["-m", "venv", "--without-pip", join(f.sibling, ".venv")], { stdio: "ignore" });
    mkdirSync(join(f.conn, ".venv", "bin"), { recursive: true });
    symlinkSync(join(f.sibling, ".venv", "bin", "python"), join(f.conn, ".venv", "bin", "python"));
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b, "python_not_found");
  });

  it(".venv is a link to the sibling's .venv, one the server built there from an untrusted base → run_debug isError python_not_found", async () => {
    const pwned = join(f.base, "pwned.txt");
    execFileSync("python3", ["-m", "venv", "--without-pip", join(f.sibling, ".venv")], { stdio: "ignore" });
    // Its interpreter is a script (as if built from a `python` only that folder trusted); the server's record covers
    // the sibling's folder, not this one.
    const py = join(f.sibling, ".venv", "bin", "python");
    unlinkSync(py);
    writeFileSync(py, `#!/bin/sh\necho ran > ${pwned}\nexec python3 "$@"\n`);
    chmodSync(py, 0o755);
    recordVenv(join(f.sibling, ".venv"));
    symlinkSync(join(f.sibling, ".venv"), join(f.conn, ".venv"));
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b, "python_not_found");
    expect(existsSync(pwned)).toBe(false);
  });

  it(".venv made by uv (a link to a Python uv installed under the user's home) → run_debug runs the connector with it", async () => {
    // uv's install folder, with a cpython whose interpreter is the system's (a link, as the probe cannot install one).
    const uv = join(f.base, "uv-python");
    mkdirSync(join(uv, "cpython-3-linux", "bin"), { recursive: true });
    symlinkSync(realpathSync(execFileSync("python3", ["-c", "import sys; print(sys.executable)"]).toString().trim()), join(uv, "cpython-3-linux", "bin", "python3"));
    mkdirSync(join(f.conn, ".venv", "bin"), { recursive: true });
    writeFileSync(join(f.conn, ".venv", "pyvenv.cfg"), `home = ${join(uv, "cpython-3-linux", "bin")}\n`);
    symlinkSync(join(uv, "cpython-3-linux", "bin", "python3"), join(f.conn, ".venv", "bin", "python"));
    const saved = process.env.UV_PYTHON_INSTALL_DIR;
    process.env.UV_PYTHON_INSTALL_DIR = uv;
    try {
      const a = await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" });
      expect(a.isError).toBe(false);
      expect(a.data?.status).toBe("succeeded");
    } finally {
      if (saved === undefined) delete process.env.UV_PYTHON_INSTALL_DIR;
      else process.env.UV_PYTHON_INSTALL_DIR = saved;
    }
  }, 60_000);

  it(".venv made by python3 -m venv (links to the system's python3) → run_debug runs the connector with it", async () => {
    quickVenv(f, false);
    const a = await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" });
    expect(a.isError).toBe(false);
    expect(a.data?.status).toBe("succeeded");
  }, 60_000);

  // requirements.txt naming files outside the folder --------------------------------------------------------------

  it("-c file:///etc/passwd → install_requirements isError outside_project before pip runs; no line of /etc/passwd", async () => {
    requirements(f, "-c file:///etc/passwd\n");
    const b = before(f);
    const a = await install(f);
    expectRefused(f, a, b);
    expect(a.text).not.toContain("root:");
  });

  it("--constraint=file:///<outside>/secret.txt → install_requirements isError outside_project; the file's lines are never quoted", async () => {
    requirements(f, `--constraint=file://${join(f.outside, "secret.txt")}\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("--constr file:///<outside>/secret.txt (an abbreviation pip accepts) → install_requirements isError outside_project", async () => {
    requirements(f, `--constr file://${join(f.outside, "secret.txt")}\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("-c \\ continued on the next line with file:///etc/passwd → install_requirements isError outside_project", async () => {
    requirements(f, "-c \\\nfile:///etc/passwd\n");
    const b = before(f);
    const a = await install(f);
    expectRefused(f, a, b);
    expect(a.text).not.toContain("root:");
  });

  it("-r https://127.0.0.1:9/requirements.txt → install_requirements isError outside_project (an included file is never a URL)", async () => {
    requirements(f, "-r https://127.0.0.1:9/requirements.txt\n");
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("-c http://127.0.0.1:9/constraints.txt → install_requirements isError outside_project", async () => {
    requirements(f, "-c http://127.0.0.1:9/constraints.txt\n");
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("--find-links <outside folder> → install_requirements isError outside_project before pip runs", async () => {
    requirements(f, `--find-links ${f.outside}\nsix==1.16.0\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("-f<outside folder> (attached short option) → install_requirements isError outside_project", async () => {
    requirements(f, `-f${f.outside}\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("--find-links ../../outside (relative) → install_requirements isError outside_project", async () => {
    requirements(f, "--find-links ../../outside\n");
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("--index-url file:///<outside>/simple → install_requirements isError outside_project", async () => {
    requirements(f, `--index-url file://${join(f.outside, "simple")}\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("--extra-index-url=file:/etc → install_requirements isError outside_project", async () => {
    requirements(f, "--extra-index-url=file:/etc\n");
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("pkg @ file:///<outside>/x.whl → install_requirements isError outside_project before pip runs", async () => {
    requirements(f, `pkg @ file://${join(f.outside, "pkg-1.0-py3-none-any.whl")}\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("pkg @ git+file:///<outside>/repo → install_requirements isError outside_project", async () => {
    requirements(f, `pkg @ git+file://${join(f.outside, "repo")}@v1\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("a bare path to a wheel outside (/…/pkg-1.0-py3-none-any.whl) → install_requirements isError outside_project", async () => {
    requirements(f, `${join(f.outside, "pkg-1.0-py3-none-any.whl")}\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("a bare relative path to a folder outside (../../outside) → install_requirements isError outside_project", async () => {
    requirements(f, "../../outside\n");
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("a bare file:///<outside>/pkg.tar.gz → install_requirements isError outside_project", async () => {
    requirements(f, `file://${join(f.outside, "pkg.tar.gz")}\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("-e /outside/path → install_requirements isError outside_project before pip runs", async () => {
    requirements(f, `-e ${f.outside}\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("--editable=git+file:///<outside>/repo#egg=x → install_requirements isError outside_project", async () => {
    requirements(f, `--editable=git+file://${join(f.outside, "repo")}#egg=x\n`);
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("~/.ssh/id_rsa.whl (the server user's home) → install_requirements isError outside_project", async () => {
    requirements(f, "~/.ssh/id_rsa.whl\n");
    const b = before(f);
    expectRefused(f, await install(f), b);
  });

  it("--find-links ./wheels inside and a remote --index-url https://127.0.0.1:9/simple → not refused; pip runs (offline with --no-index)", async () => {
    mkdirSync(join(f.conn, "wheels"));
    // A .venv made in milliseconds, standing for one an earlier install_requirements built (see recordVenv).
    quickVenv(f);
    recordVenv(join(f.conn, ".venv"));
    requirements(f, "--no-index\n--index-url https://127.0.0.1:9/simple\n--find-links ./wheels\n");
    const b = before(f);
    const a = await install(f);
    expect(a.code).not.toBe("outside_project");
    expect(a.text).not.toContain("leaves the connector folder");
    expect(a.text).not.toContain("recreate: true");
    expect(a.code === undefined || a.code === "dependency").toBe(true);
    expectUntouched(f, b);
  }, 60_000);
});
