import { afterAll, describe, expect, it } from "vitest";
import { lint, ruleById, type LintOptions } from "../../src/lint/engine.js";
import { CASES } from "./cases.js";
import { cleanup, writeOverlay } from "./helpers.js";

afterAll(cleanup);

describe("every rule fires on its bad fixture and stays quiet on its fixed one", () => {
  for (const [id, c] of Object.entries(CASES)) {
    it(id, async () => {
      const rule = ruleById(id)!;
      expect(rule, `rule ${id} exists`).toBeDefined();
      const opts: LintOptions = { rules: [id], profile: c.profile, targetSdk: c.targetSdk, generic: false };
      const bad = await lint(writeOverlay(c.bad), opts);
      const hits = bad.findings.filter((f) => f.rule === id);
      expect(hits.length, `${id} on bad: ${JSON.stringify(bad.findings)}`).toBeGreaterThan(0);
      expect(hits.map((h) => h.severity)).toContain(c.severity ?? rule.meta.severity);
      for (const h of hits) {
        expect(h.line).toBeGreaterThan(0);
        expect(h.column).toBeGreaterThan(0);
        expect(h.docUri).toBe(`connector-sdk://lint-rules/${id}`);
        expect(h.message.length).toBeGreaterThan(10);
      }
      const good = await lint(writeOverlay(c.good), opts);
      expect(good.findings.filter((f) => f.rule === id), `${id} on good`).toEqual([]);
    });
  }
});
