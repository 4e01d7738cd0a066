// Which Python the suites that compare with the real SDK use (test/helpers/env.ts).
import { existsSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { realSdkPython, TEST_VENV_PYTHON } from "../helpers/env.js";

describe("realSdkPython", () => {
  it("takes FIDELITY_SDK_PYTHON before the test venv, and refuses one that does not exist", () => {
    expect(realSdkPython({ FIDELITY_SDK_PYTHON: process.execPath })).toBe(process.execPath);
    expect(() => realSdkPython({ FIDELITY_SDK_PYTHON: "/nonexistent/bin/python" })).toThrow(/FIDELITY_SDK_PYTHON names \/nonexistent\/bin\/python/);
  });

  it("falls back to the test venv, which CI=true requires", () => {
    if (existsSync(TEST_VENV_PYTHON)) expect(realSdkPython({})).toBe(TEST_VENV_PYTHON);
    else {
      expect(realSdkPython({})).toBeNull();
      expect(() => realSdkPython({ CI: "true" })).toThrow(/test venv is missing/);
    }
  });
});

describe("temporary folders of a test file", () => {
  it("are made under a folder of this file alone, which the setup removes afterwards", () => {
    const outer = process.env.FTMCP_TEST_OUTER_TMPDIR;
    expect(outer).toBeTruthy();
    expect(tmpdir()).not.toBe(outer);
    expect(basename(tmpdir())).toMatch(/^ftmcp-test-/);
    expect(dirname(tmpdir())).toBe(realpathSync(outer!));
    expect(process.env.FIVETRAN_CONNECTOR_MCP_RUNS_DIR).toBe(join(tmpdir(), "runs"));
  });
});
