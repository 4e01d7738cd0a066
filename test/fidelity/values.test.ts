// The harness's value conversion against the real SDK 3.0's, value by value: test/fidelity/values/compare.py runs
// both in the test venv's Python (the SDK's type coercion and its core's reading of a cell and _fivetran_id hash, and
// src/runner/harness/fivetran_connector_sdk/_values.py) over ~100 adversarial values and every declared type.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, realSdkPython } from "../helpers/env.js";

const python = realSdkPython();

describe.skipIf(python === null)("values: the harness converts as the real SDK 3.0 does", () => {
  it("gives the same cell, or raises the same exception with the same message, for every value and type, and the same _fivetran_id", () => {
    const out = execFileSync(python!, [join(REPO_ROOT, "test", "fidelity", "values", "compare.py"), join(REPO_ROOT, "src", "runner", "harness", "fivetran_connector_sdk", "_values.py")], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", DO_NOT_TRACK: "1" },
    });
    const lines = out.trim().split("\n");
    const summary = JSON.parse(lines.pop()!) as { checked: number };
    expect(lines, "differences (one JSON line each)").toEqual([]);
    expect(summary.checked).toBeGreaterThan(1000);
  });
});
