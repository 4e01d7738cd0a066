import { describe, expect, it } from "vitest";
import { FloatCell, javaFloatText } from "../../src/warehouse/cells.js";

describe("javaFloatText", () => {
  it("writes a 32-bit float's shortest digits as the SDK's core does, a tie rounded half to even", () => {
    // What the core's java_float_text gave for each Python float (a Single), in the test venv's Python.
    const cases: [number, string][] = [
      [2357719.25, "2357719.2"],
      [-1531852.25, "-1531852.2"],
      [162796.125, "162796.12"],
      [-36614.8125, "-36614.812"],
      [467570.625, "467570.62"],
      [0.5, "0.5"],
      [2.5, "2.5"],
      [1234567.5, "1234567.5"],
      [8388607.5, "8388607.5"],
      [0.1, "0.1"],
      [1e16, "1.0E16"],
      [1e-5, "1.0E-5"],
      [3.4028234663852886e38, "3.4028235E38"],
      [1.401298464324817e-45, "1.0E-45"],
      [100.25, "100.25"],
      [0.125, "0.125"],
      [16777215.0, "1.6777215E7"],
      [7.0, "7.0"],
      [1e7, "1.0E7"],
      [0.001, "0.001"],
    ];
    for (const [value, text] of cases) expect([value, javaFloatText(new FloatCell(value, true, String(value)))]).toEqual([value, text]);
  });
});
