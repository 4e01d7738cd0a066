import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type AjvDraft04 from "ajv-draft-04";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/lint.js";
import { cleanup, writeOverlay } from "./helpers.js";
import { CASES } from "./cases.js";

afterAll(cleanup);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

const BROKEN = join(import.meta.dirname, "fixtures", "broken", "agent-first-draft");
const CLEAN = join(import.meta.dirname, "fixtures", "clean", "api-users");

describe("fivetran-connector-mcp lint", () => {
  it("prints compiler-style text and exits 1 on errors", async () => {
    const c = capture();
    const code = await run([BROKEN], c.io);
    expect(code).toBe(1);
    const lines = c.out.join("\n").split("\n");
    expect(lines.some((l) => /^.+connector\.py:\d+:\d+ error FT070 /.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\d+ error\(s\), \d+ warning\(s\), \d+ info/);
  });

  it("exits 0 on a clean connector", async () => {
    const c = capture();
    expect(await run([CLEAN], c.io)).toBe(0);
  });

  it("emits one JSON object with findings and summary", async () => {
    const c = capture();
    await run([BROKEN, "--format", "json"], c.io);
    const doc = JSON.parse(c.out.join("\n"));
    expect(doc.summary.errors).toBeGreaterThan(0);
    for (const f of doc.findings) {
      expect(typeof f.rule).toBe("string");
      expect(["error", "warning", "info"]).toContain(f.severity);
      expect(typeof f.message).toBe("string");
      expect(typeof f.file).toBe("string");
      expect(f.line).toBeGreaterThan(0);
      expect(f.column).toBeGreaterThan(0);
    }
  });

  it("emits SARIF 2.1.0 that validates against the official schema", async () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
    // The official schema is JSON Schema draft-04; formats (uri, date-time) are not checked, structure is.
    // A CommonJS module whose export is the class itself (module.exports = Ajv), as require gives it.
    const Ajv04 = require("ajv-draft-04") as typeof AjvDraft04.default;
    const ajv = new Ajv04({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    for (const dir of [BROKEN, CLEAN, writeOverlay(CASES.FT073.bad)]) {
      const c = capture();
      await run([dir, "--format", "sarif"], c.io);
      const sarif = JSON.parse(c.out.join("\n"));
      const ok = validate(sarif);
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
      expect(ok).toBe(true);
      expect(sarif.version).toBe("2.1.0");
    }
    // The validator does reject a broken log (a level SARIF does not define).
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, level: "fatal" }] }] })).toBe(false);
  });

  it("exits 2 on bad usage", async () => {
    for (const args of [[CLEAN, "--format", "xml"], [CLEAN, "--profile", "strict"], [CLEAN, "--nope"], ["/definitely/not/here"]]) {
      const c = capture();
      expect(await run(args, c.io), args.join(" ")).toBe(2);
      expect(c.err.join("\n")).toMatch(/error/);
    }
  });

  it("--fix applies safe fixes and --target-sdk gates rules", async () => {
    const dir = writeOverlay(CASES.FT043.bad);
    const c1 = capture();
    expect(await run([dir, "--rules", "FT043", "--target-sdk", "2.8.1"], c1.io)).toBe(1);
    const c2 = capture();
    expect(await run([dir, "--rules", "FT043"], c2.io)).toBe(0);
    const c3 = capture();
    await run([dir, "--fix", "--target-sdk", "2.8.1"], c3.io);
    expect(readFileSync(join(dir, "connector.py"), "utf8")).toContain('log.severe("bad")');
    expect(c3.out.join("\n")).toMatch(/fixed .*connector\.py/);
  });
});
