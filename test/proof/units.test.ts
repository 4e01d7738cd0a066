import { linkSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffDumps, jsonMembers, type TableDump } from "../../src/proof/dump.js";
import { checkRecordingName, proofRedactor, secretForms, summarizeEvents } from "../../src/proof/recording.js";
import { seeded } from "../../src/proof/crash.js";
import { codeFiles } from "../../src/proof/receipt.js";
import { configurationSecrets, derivedForms } from "../../src/workspace/redact.js";

const table = (rows: string[], columns = ["id", "name"], primary_key = ["id"]): TableDump => ({ table: "t", columns, primary_key, rows: [...rows].sort(), sha256: "" });

describe("proof building blocks", () => {
  it("secretForms covers raw, encoded and Basic forms, each with its placeholder", () => {
    const forms = secretForms({ username: "bob", password: "p@ss word!", region: "US" });
    const byText = Object.fromEntries(forms.map((f) => [f.text, f.placeholder]));
    expect(byText["p@ss word!"]).toBe("{{ftmcp.password.raw}}");
    expect(byText["p%40ss%20word!"]).toBe("{{ftmcp.password.url}}");
    expect(byText["p%40ss+word!"]).toBe("{{ftmcp.password.form}}");
    expect(byText[Buffer.from("p@ss word!").toString("base64")]).toBe("{{ftmcp.password.b64}}");
    expect(byText[Buffer.from("bob:p@ss word!").toString("base64")]).toBe("{{ftmcp.username.password.b64}}");
    // Short values that do not look like credentials are not secrets (the redactor's own rule).
    expect(forms.some((f) => f.text === "US" || f.text === "bob")).toBe(false);
  });

  it("secretForms and proofRedactor follow the one redactor's rule: every form it knows, nothing it does not", () => {
    const cfg = { base_url: "http://127.0.0.1:8080/v1", api_key: "k-0123456789", account: "Ab3dEf9hIj2kLm5n", page_size: "1000" };
    const texts = secretForms(cfg).map((f) => f.text);
    // The same values as the redactor's rule, in every form the redactor derives.
    expect(new Set(texts)).toEqual(new Set(configurationSecrets(cfg).flatMap(derivedForms)));
    // A base URL and a page size are no secrets: recordings keep them readable, and the redactor leaves them alone.
    expect(texts.some((t) => t.includes("127.0.0.1") || t === "1000")).toBe(false);
    expect(proofRedactor(cfg).redact("GET http://127.0.0.1:8080/v1/items?size=1000")).toBe("GET http://127.0.0.1:8080/v1/items?size=1000");
    // A credential-shaped value under an ordinary key is a secret, as the redactor says.
    expect(secretForms(cfg).find((f) => f.text === "Ab3dEf9hIj2kLm5n")?.placeholder).toBe("{{ftmcp.account.raw}}");
    expect(proofRedactor(cfg).redact(`key=${encodeURIComponent("k-0123456789")}`)).not.toContain("0123456789");
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

describe("the receipt's code hashes read the folder through the project layer", () => {
  const folder = () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), "proof-code-")));
    const dir = join(root, "c");
    mkdirSync(join(dir, "lib"), { recursive: true });
    writeFileSync(join(dir, "connector.py"), "print(1)\n");
    writeFileSync(join(dir, "lib", "util.py"), "X = 1\n");
    writeFileSync(join(dir, "configuration.json"), "{}");
    writeFileSync(join(root, "outside.txt"), "not the connector's\n");
    return { root, dir };
  };

  it("hashes the files of a plain folder, configuration.json left out", () => {
    const { dir } = folder();
    const files = codeFiles(dir);
    expect(Object.keys(files)).toEqual(["connector.py", "lib/util.py"]);
    expect(files["connector.py"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a file with a second hard link (it may be a file outside the folder)", () => {
    const { root, dir } = folder();
    linkSync(join(root, "outside.txt"), join(dir, "helper.py"));
    expect(() => codeFiles(dir)).toThrow(/hard links/);
  });

  it("refuses a link, or a linked sub-folder, leaving the folder", () => {
    const a = folder();
    symlinkSync(join(a.root, "outside.txt"), join(a.dir, "lib", "secret.py"));
    expect(() => codeFiles(a.dir)).toThrow(/outside the connector folder/);
    const b = folder();
    symlinkSync(a.root, join(b.dir, "vendor"));
    expect(() => codeFiles(b.dir)).toThrow(/outside the connector folder/);
  });

  it("hashes what a link inside the folder points to, and a link loop ends", () => {
    const { dir } = folder();
    symlinkSync(join(dir, "connector.py"), join(dir, "alias.py"));
    symlinkSync(dir, join(dir, "lib", "loop"));
    const files = codeFiles(dir);
    expect(files["alias.py"]).toBe(files["connector.py"]);
    expect(Object.keys(files).filter((f) => f.includes("loop"))).toEqual([]);
  });
});
