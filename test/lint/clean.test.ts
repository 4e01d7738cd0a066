import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";

const ROOT = join(import.meta.dirname, "fixtures", "clean");
const projects = readdirSync(ROOT).sort();

describe("realistic clean connectors produce no errors (false positives are bugs)", () => {
  it("has at least 20 of them", () => expect(projects.length).toBeGreaterThanOrEqual(20));
  for (const name of projects) {
    it(name, async () => {
      // Ruff and python3 compile() included: the whole pipeline must agree the connector is clean.
      const r = await lint(join(ROOT, name), {});
      const errors = r.findings.filter((f) => f.severity === "error");
      expect(errors, JSON.stringify(errors, null, 1)).toEqual([]);
      const warnings = r.findings.filter((f) => f.severity === "warning");
      expect(warnings, JSON.stringify(warnings, null, 1)).toEqual([]);
    });
  }
});
