import { describe, expect, it } from "vitest";
import { Journal } from "../../src/warehouse/writer/journal.js";

describe("Journal (a transaction's records, to write it again)", () => {
  it("gives back every record in order, from memory and from its file, multi-byte text across chunk ends included", () => {
    const j = new Journal();
    // Lines of 3-byte characters, about 3.6 MB of UTF-8 in all: past the memory part, and cut by 1 MB chunks
    // at arbitrary bytes.
    const lines = Array.from({ length: 1200 }, (_, i) => `{"i":${i},"v":"${"€".repeat(1000 + (i % 7))}"}`);
    for (const l of lines) j.add(l);
    const s = j.cut();
    expect([...s.records()]).toEqual(lines);
    s.dispose();
    // The next segment begins empty.
    j.add("next");
    expect([...j.cut().records()]).toEqual(["next"]);
    j.close();
  });

  it("says it is incomplete past its limit, and frees what it held", () => {
    const j = new Journal(100);
    for (let i = 0; i < 10; i++) j.add("x".repeat(20));
    const s = j.cut();
    expect(s.complete).toBe(false);
    expect([...s.records()]).toEqual([]);
    j.close();
  });
});
