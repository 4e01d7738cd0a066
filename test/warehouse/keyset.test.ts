import { describe, expect, it } from "vitest";
import { KeySet } from "../../src/warehouse/writer.js";

describe("KeySet (the keys a sync has upserted)", () => {
  it("keeps texts that read as the same number apart", () => {
    const s = new KeySet();
    for (const k of ["7", "0", "-12", "123456789012345"]) s.add(k);
    for (const k of ["7", "0", "-12", "123456789012345"]) expect(s.has(k), k).toBe(true);
    // Not the canonical text of a number: each is its own key, as it is to the SDK.
    for (const k of ["07", "+7", "-0", "00", "7.0", "1234567890123456", "", "7 "]) expect(s.has(k), JSON.stringify(k)).toBe(false);
    for (const k of ["07", "-0", "1234567890123456", "", "a\u0000\u0001b"]) s.add(k);
    for (const k of ["07", "-0", "1234567890123456", "", "a\u0000\u0001b"]) expect(s.has(k), JSON.stringify(k)).toBe(true);
    expect(s.has("-")).toBe(false);
  });

  it("holds dense, sparse and negative integer keys alike", () => {
    const s = new KeySet();
    const keys = [0, 1, 7, 8, 9, 8191, 8192, 100_000, 2 ** 27 - 1, 2 ** 27, 2 ** 40, -1, -(2 ** 40)];
    for (const k of keys) s.add(String(k));
    for (const k of keys) expect(s.has(String(k)), String(k)).toBe(true);
    for (const k of [2, 6, 10, 8190, 8193, 99_999, 2 ** 27 - 2, 2 ** 27 + 1, -2, 2 ** 40 + 1]) expect(s.has(String(k)), String(k)).toBe(false);
  });

  it("says whether a key was new", () => {
    const s = new KeySet();
    for (const k of ["5", "07", "-3", "x", String(2 ** 40)]) {
      expect(s.add(k), k).toBe(true);
      expect(s.add(k), `${k} again`).toBe(false);
    }
  });
});
