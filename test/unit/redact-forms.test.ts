import { describe, expect, it } from "vitest";
import { namedForms, Redactor } from "../../src/workspace/redact.js";

// The redactor's derived forms on their own: what is masked, under which name, and what stays readable.
describe("redactor: derived forms", () => {
  const config = { api_key: "Zq7xK9mP2vL4nR8tW3yH", db_password: "pässwörd-Geheim42", region: "eu-west-1", pin: "a1b2c" };
  const r = new Redactor(config, [], false);

  it("names the new forms (hex, json_ascii, py_ascii, bytes, nested escapes, base64 cores) and keeps the old names", () => {
    const names = new Map(namedForms("pässwörd-Geheim42").map((f) => [f.text, f.form]));
    expect(names.get("pässwörd-Geheim42")).toBe("raw");
    expect(names.get("70c3a4737377c3b672642d47656865696d3432")).toBe("hex");
    expect(names.get(String.raw`p\u00e4ssw\u00f6rd-Geheim42`)).toBe("json_ascii");
    expect(names.get(String.raw`p\xe4ssw\xf6rd-Geheim42`)).toBe("py_ascii");
    expect(names.get(String.raw`p\xc3\xa4ssw\xc3\xb6rd-Geheim42`)).toBe("bytes");
    expect(names.get(String.raw`p\\u00e4ssw\\u00f6rd-Geheim42`)).toBe("json_ascii_json");
    expect(names.get("w6Rzc3fDtnJkLUdlaGVpbTQy")).toBe("b64core1");
    const quoted = new Map(namedForms(String.raw`it's "q"\x`).map((f) => [f.text, f.form]));
    expect(quoted.get(String.raw`it's \"q\"\\x`)).toBe("json");
    expect(quoted.get(String.raw`it\'s "q"\\x`)).toBe("py_sq");
  });

  it("a secret's hex, escapes and base64 inside longer text → masked, the text around it readable", () => {
    const b64 = Buffer.concat([Buffer.from("user:"), Buffer.from(config.api_key)]).toString("base64");
    const out = r.redact(`h=${Buffer.from(config.api_key).toString("hex")}; j="p\\u00e4ssw\\u00f6rd-Geheim42"; b=${b64}; region eu-west-1`);
    expect(out).toContain("h=****;");
    expect(out).toContain('j="****";');
    expect(out).toContain("region eu-west-1");
    expect(out).not.toContain(Buffer.from(config.api_key.slice(1, 19)).toString("base64"));
  });

  it("short values and non-secret values → never masked in any derived form (no hex, base64 or escapes of them)", () => {
    const text = `${Buffer.from("eu-west-1").toString("hex")} ${Buffer.from("eu-west-1").toString("base64")} a1b2c ${Buffer.from("a1b2c").toString("hex")}`;
    expect(r.redact(text)).toBe(text);
  });

  it("a 6-byte secret's base64 inside other bytes → not masked (a 4-character core would mangle ordinary text)", () => {
    expect(namedForms("Sh0rtK").some((f) => f.form.startsWith("b64core") && f.text.length < 8)).toBe(false);
  });

  it("a secret upper-cased, lower-cased or reversed (a connector printing key.upper(), key[::-1]) → masked; those forms are named", () => {
    const key = config.api_key;
    const reversed = [...key].reverse().join("");
    const out = r.redact(`up=${key.toUpperCase()} low=${key.toLowerCase()} rev=${reversed} region eu-west-1`);
    expect(out).toBe("up=**** low=**** rev=**** region eu-west-1");
    const names = new Map(namedForms(key).map((f) => [f.text, f.form]));
    expect(names.get(key.toUpperCase())).toBe("upper");
    expect(names.get(key.toLowerCase())).toBe("lower");
    expect(names.get(reversed)).toBe("reversed");
  });
});
