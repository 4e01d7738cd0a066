import { createHash } from "node:crypto";
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

describe("KeySet: _fivetran_id keys (base64 of a SHA-1)", () => {
  const digest = (s: string) => createHash("sha1").update(s).digest("base64");

  it("holds 50,000 digests, tells them from others, and grows past its first table", () => {
    const s = new KeySet();
    for (let i = 0; i < 50_000; i++) expect(s.add(digest(`row ${i}`))).toBe(true);
    for (let i = 0; i < 50_000; i += 997) expect(s.add(digest(`row ${i}`)), `row ${i} again`).toBe(false);
    for (let i = 0; i < 50_000; i += 991) expect(s.has(digest(`row ${i}`))).toBe(true);
    for (let i = 50_000; i < 51_000; i++) expect(s.has(digest(`row ${i}`))).toBe(false);
  });

  it("keeps 28-character texts that are not canonical base64 apart from the digest they decode to", () => {
    const s = new KeySet();
    const id = digest("a row");
    s.add(id);
    // The last character before "=" carries 2 bits that are not part of the 20 bytes: a text with them set decodes to
    // the same bytes, but is another key.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const last = alphabet.indexOf(id[26]);
    const twin = id.slice(0, 26) + alphabet[last | 1] + "=";
    expect(twin).not.toBe(id);
    expect(s.has(twin)).toBe(false);
    expect(s.add(twin)).toBe(true);
    expect(s.has(twin)).toBe(true);
    // Text of that length that is not base64 at all, or has no padding, is a text key like any other.
    for (const k of ["x".repeat(27) + "=", "#".repeat(28), id.slice(0, 27) + "A", id.replace("=", "")]) {
      expect(s.has(k), k).toBe(false);
      expect(s.add(k), k).toBe(true);
      expect(s.has(k), k).toBe(true);
    }
    expect(s.has(id)).toBe(true);
  });

  it("keeps digests that share their first bytes apart", () => {
    const s = new KeySet();
    // Same first 4 bytes (the table's hash), different rest: they land in one probe chain.
    const a = Buffer.alloc(20, 1);
    const b = Buffer.alloc(20, 1);
    b[19] = 2;
    const c = Buffer.alloc(20, 1);
    c[4] = 9;
    for (const x of [a, b, c]) expect(s.add(x.toString("base64"))).toBe(true);
    for (const x of [a, b, c]) expect(s.add(x.toString("base64"))).toBe(false);
    expect(s.has(Buffer.alloc(20, 3).toString("base64"))).toBe(false);
  });
});

describe("KeySet: taking a transaction's keys out again (a checkpoint written again)", () => {
  const digest = (s: string) => createHash("sha1").update(s).digest("base64");
  const kinds = (i: number) => [String(i), String(2 ** 40 + i), `text ${i}`, digest(`row ${i}`)];

  it("removes the keys added between the last two cuts, and keeps those before and after", () => {
    const s = new KeySet();
    for (let i = 0; i < 3000; i++) for (const k of kinds(i)) s.add(k);
    s.cut();
    s.keepClosed();
    for (let i = 3000; i < 6000; i++) for (const k of kinds(i)) s.add(k);
    // Keys already there before the transaction stay, though it upserted them again.
    for (let i = 0; i < 3000; i += 7) for (const k of kinds(i)) expect(s.add(k)).toBe(false);
    s.cut();
    for (let i = 6000; i < 6100; i++) for (const k of kinds(i)) s.add(k);
    s.undoClosed();
    for (let i = 0; i < 3000; i++) for (const k of kinds(i)) expect(s.has(k), k).toBe(true);
    for (let i = 3000; i < 6000; i++) for (const k of kinds(i)) expect(s.has(k), k).toBe(false);
    for (let i = 6000; i < 6100; i++) for (const k of kinds(i)) expect(s.has(k), k).toBe(true);
  });

  it("leaves keys added while its log is paused out of the next undo", () => {
    const s = new KeySet();
    s.cut();
    s.add("1");
    s.pauseLog();
    s.add("2");
    s.resumeLog();
    s.cut();
    s.undoClosed();
    expect([s.has("1"), s.has("2")]).toEqual([false, true]);
  });

  it("says it cannot take a transaction's keys out once it added more than its log holds (2^20)", () => {
    const s = new KeySet();
    s.cut();
    for (let i = 0; i < 2 ** 20; i++) s.add(String(i));
    expect(s.logComplete()).toBe(true);
    s.add(String(2 ** 20));
    expect(s.logComplete()).toBe(false);
    s.cut();
    expect(s.undoable()).toBe(false);
    // The next transaction logs again.
    s.add("-5");
    expect(s.logComplete()).toBe(true);
    s.cut();
    expect(s.undoable()).toBe(true);
  });
});
