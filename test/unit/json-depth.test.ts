import { describe, expect, it } from "vitest";
import { configurationForMasking } from "../../src/runner/configuration-file.js";
import { nestedPast } from "../../src/runner/json-depth.js";

// A state.json or configuration.json nested deeper than Python's json can read fails the run in the harness, as the
// SDK fails; Node's recursive walks of it (masking, serialising) would overflow the stack (fidelity 189, 198).
describe("nestedPast", () => {
  it("counts arrays and objects, not scalars", () => {
    expect(nestedPast({ a: 1, b: "x", c: null }, 1)).toBe(false);
    expect(nestedPast({ a: [1] }, 1)).toBe(true);
    expect(nestedPast({ a: [1] }, 2)).toBe(false);
    expect(nestedPast({ a: { b: { c: [] } } }, 3)).toBe(true);
  });

  it("walks 100,000 levels without recursion", () => {
    const deep = JSON.parse(`{"a": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`) as unknown;
    expect(nestedPast(deep, 1000)).toBe(true);
    expect(nestedPast({ wide: Array.from({ length: 10_000 }, (_, i) => ({ i })) }, 1000)).toBe(false);
  });

  it("leaves a configuration nested past Python's limit unread for masking (fidelity 189)", () => {
    expect(configurationForMasking(`{"k": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`)).toBeUndefined();
    expect(configurationForMasking('{"k": [["v"]]}')).toEqual({ k: [["v"]] });
  });
});
