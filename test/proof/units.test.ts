import { describe, expect, it } from "vitest";
import { diffDumps, jsonMembers, type TableDump } from "../../src/proof/dump.js";
import { checkRecordingName, proofRedactor, secretForms, summarizeEvents } from "../../src/proof/recording.js";
import { seeded } from "../../src/proof/crash.js";

const table = (rows: string[], columns = ["id", "name"], primary_key = ["id"]): TableDump => ({ table: "t", columns, primary_key, rows: [...rows].sort(), sha256: "" });

describe("proof building blocks", () => {
  it("secretForms covers raw, encoded and Basic forms, each with its placeholder", () => {
    const forms = secretForms({ username: "bob", password: "p@ss word!", region: "US" });
    const byText = Object.fromEntries(forms.map((f) => [f.text, f.placeholder]));
    expect(byText["p@ss word!"]).toBe("{{ftmcp.password.raw}}");
    expect(byText["p%40ss%20word!"]).toBe("{{ftmcp.password.url}}");
    expect(byText["p%40ss+word!"]).toBe("{{ftmcp.password.form}}");
    expect(byText[Buffer.from("p@ss word!").toString("base64")]).toBe("{{ftmcp.password.b64}}");
    expect(byText[Buffer.from("bob:p@ss word!").toString("base64")]).toBe("{{ftmcp.username.password.basic}}");
    // Short values that do not look like credentials are not secrets (the redactor's own rule).
    expect(forms.some((f) => f.text === "US" || f.text === "bob")).toBe(false);
  });

  it("summarizeEvents reads the harness's event lines, redacted, and skips a line cut short", () => {
    const r = proofRedactor({ api_key: "k-0123456789" });
    const lines = [
      '{"e":"start","mode":"replay"}',
      '{"e":"request","i":1,"method":"GET","url":"http://h/x?k=k-0123456789","host":"h","status":200,"repeat":1}',
      '{"e":"request","i":2,"method":"GET","url":"http://h/x","host":"h","fault":"429","status":429,"repeat":1}',
      '{"e":"sleep","seconds":1}',
      '{"e":"checkpoint","n":1,"operations":3,"regressions":[{"path":"cursor","before":"b","after":"a"}]}',
      '{"e":"crash","after_checkpoint":1,"operations":3}',
      '{"e":"request","i":3,',
    ];
    const s = summarizeEvents(lines, r, "replay");
    expect(s).toMatchObject({ requests: 2, hosts: { h: 2 }, sleeps: [1], checkpoints: 1, cursor_regressions: [{ checkpoint: 1, path: "cursor" }], crashed: { after_checkpoint: 1 } });
    expect(s.faults).toEqual([{ kind: "429", request: 2, method: "GET", url: "http://h/x" }]);
    expect(JSON.stringify(s)).not.toContain("k-0123456789");
  });

  it("jsonMembers splits DuckDB's JSON text without turning numbers into JavaScript numbers", () => {
    const m = jsonMembers('{"id":12345678901234567890,"name":"a, \\"b\\"}","nested":{"x":[1,2]},"f":1.10}');
    expect(m.get("id")).toBe("12345678901234567890");
    expect(m.get("name")).toBe('"a, \\"b\\"}"');
    expect(m.get("nested")).toBe('{"x":[1,2]}');
    expect(m.get("f")).toBe("1.10");
  });

  it("diffDumps compares as multisets, by key or on the expected columns", () => {
    const base = [table(['{"id":1,"name":"a"}', '{"id":2,"name":"b"}'])];
    expect(diffDumps(base, [table(['{"id":1,"name":"a"}'])])).toMatchObject([{ missing: 1, extra: 0 }]);
    expect(diffDumps(base, [table(['{"id":1,"name":"a"}', '{"id":2,"name":"b"}', '{"id":2,"name":"b"}'])])).toMatchObject([{ missing: 0, extra: 1 }]);
    const changed = [table(['{"id":1,"name":"a"}', '{"id":2,"name":null}'])];
    expect(diffDumps(base, changed, { keys: true })).toEqual([]);
    expect(diffDumps(base, changed, { project: true })).toMatchObject([{ missing: 1, extra: 1 }]);
    const wider = [table(['{"id":1,"name":"a","new":"x"}', '{"id":2,"name":"b","new":"x"}'], ["id", "name", "new"])];
    expect(diffDumps(base, wider, { project: true })).toEqual([]);
  });

  it("recording names are plain, and the seeded generator repeats", () => {
    expect(checkRecordingName("base-2024.06_a")).toBe("base-2024.06_a");
    for (const bad of ["../x", "a/b", "", ".hidden", "a..b"]) expect(() => checkRecordingName(bad)).toThrow(/not a usable recording name/);
    const a = seeded(7);
    const b = seeded(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
