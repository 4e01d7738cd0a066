import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";

/**
 * The precision suite: small connectors written for this project in the styles of Fivetran's public
 * examples and community connectors (cleanup close(), bounded fetchall, retry loops, encrypted state,
 * SDK-provided imports, reserved-word tables, non-string log messages, syntax errors). Each folder's
 * expected.txt is the complete list of findings, one `rule severity file:line:column` a line, and WHY
 * says what the connector shows. The syntax-* folders run the generic checks too (python3 compile
 * decides syntax); the others run the rules only, to stay cheap.
 */
const ROOT = join(import.meta.dirname, "precision");
const CASES = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("precision suite: exact findings on connectors in the public corpus's styles", () => {
  it("has at least 60 connectors", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });
  for (const name of CASES) {
    it(`${name}: ${readFileSync(join(ROOT, name, "WHY"), "utf8").trim()}`, async () => {
      const dir = join(ROOT, name);
      const r = await lint(dir, name.startsWith("syntax-") ? {} : { generic: false });
      const got = r.findings.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column}`);
      const want = readFileSync(join(dir, "expected.txt"), "utf8").split("\n").filter(Boolean);
      expect(got).toEqual(want);
    });
  }
});
