import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";

const ROOT = join(import.meta.dirname, "fixtures", "broken");

describe("whole-folder fixtures report every expected rule", () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(name, async () => {
      const expected = JSON.parse(readFileSync(join(ROOT, name, "expected.json"), "utf8")) as string[];
      const profile = name === "legacy-yield" ? "sdk" : "guidelines";
      const r = await lint(join(ROOT, name), { profile, generic: false });
      const got = new Set(r.findings.map((f) => f.rule));
      for (const id of expected) expect(got, `${name} should report ${id}; got ${[...got].join(",")}`).toContain(id);
      expect(r.summary.errors + r.summary.warnings).toBeGreaterThan(0);
    });
  }
});
