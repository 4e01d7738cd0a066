import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { isRecordedVenv, recordVenv } from "../../src/deps/venv-record.js";

/** A .venv made in milliseconds (no pip), recorded as install_requirements records the ones it builds. */
function venv(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "venv-record-")));
  const v = join(dir, ".venv");
  execFileSync("python3", ["-m", "venv", "--without-pip", v], { stdio: "ignore" });
  recordVenv(v, "python3");
  return v;
}

function sitePackages(v: string): string {
  const lib = join(v, "lib");
  return join(lib, readdirSync(lib)[0], "site-packages");
}

describe("which .venv the server built (src/deps/venv-record.ts)", () => {
  let v: string;
  beforeEach(() => {
    v = venv();
  });

  it("a recorded venv is recognised, and running its Python changes nothing that counts", () => {
    expect(isRecordedVenv(v)).toBe(true);
    execFileSync(join(v, "bin", "python"), ["-I", "-c", "import json, email.parser, sqlite3"]);
    expect(isRecordedVenv(v)).toBe(true);
  });

  it("a .pth planted in site-packages, an edited pyvenv.cfg or a relinked interpreter → no longer the server's", () => {
    writeFileSync(join(sitePackages(v), "evil.pth"), "import os\n");
    expect(isRecordedVenv(v)).toBe(false);
    recordVenv(v);
    const cfg = join(v, "pyvenv.cfg");
    writeFileSync(cfg, readFileSync(cfg, "utf8").replace("false", "true "));
    expect(isRecordedVenv(v)).toBe(false);
    recordVenv(v);
    unlinkSync(join(v, "bin", "python"));
    symlinkSync("/bin/sh", join(v, "bin", "python"));
    expect(isRecordedVenv(v)).toBe(false);
  });

  it("a copy of a recorded venv at another path, and a folder never recorded → not the server's", () => {
    const copy = join(v, "..", "copy");
    execFileSync("cp", ["-a", v, copy]);
    expect(isRecordedVenv(copy)).toBe(false);
    rmSync(copy, { recursive: true });
    expect(isRecordedVenv(join(v, "..", "nothing"))).toBe(false);
  });
});
