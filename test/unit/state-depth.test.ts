import { describe, expect, it } from "vitest";
import { nestedPast } from "../../src/runner/index.js";

// The start state shown in a run's result is dropped when it nests deeper than Python's json can read (the SDK fails
// on such a state.json): masking and serialising it would overflow the stack (fidelity 198).
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
});
