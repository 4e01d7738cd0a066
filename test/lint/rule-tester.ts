import { describe, expect, it } from "vitest";
import { lint, ruleById, type LintOptions } from "../../src/lint/engine.js";
import type { Profile, Severity } from "../../src/lint/types.js";
import { writeOverlay } from "./helpers.js";
import type { Overlay } from "./template.js";

/** Where a rule must report: 1-based line and column, and the severity when it is not the rule's default. */
export type ExpectedError = [line: number, column: number, severity?: Severity];

export interface RuleTests {
  /** Projects on which the rule reports nothing. */
  valid: Overlay[];
  /** Projects on which the rule reports exactly these findings, in file order. */
  invalid: { project: Overlay; errors: ExpectedError[] }[];
  profile?: Profile;
  targetSdk?: string;
}

/**
 * A RuleTester in the typescript-eslint style: each valid project yields no finding of the rule, and each
 * invalid one yields exactly the listed findings (rule id, line, column, severity), nothing more or fewer.
 * The rule runs alone (generic checks off) so that the assertion is about this rule only.
 */
export function runRuleTests(id: string, t: RuleTests): void {
  describe(id, () => {
    const rule = ruleById(id);
    const opts: LintOptions = { rules: [id], profile: t.profile, targetSdk: t.targetSdk, generic: false };
    it("exists", () => {
      expect(rule?.meta.id).toBe(id);
    });
    t.valid.forEach((project, i) => {
      it(`valid #${i + 1}`, async () => {
        const r = await lint(writeOverlay(project), opts);
        expect(r.findings.filter((f) => f.rule === id)).toEqual([]);
      });
    });
    t.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}`, async () => {
        const r = await lint(writeOverlay(c.project), opts);
        const hits = r.findings.filter((f) => f.rule === id);
        expect(hits.map((f) => [f.rule, f.line, f.column, f.severity])).toEqual(c.errors.map(([line, column, severity]) => [id, line, column, severity ?? rule!.meta.severity]));
        for (const h of hits) {
          expect(h.docUri).toBe(`connector-sdk://lint-rules/${id}`);
          expect(h.message.length).toBeGreaterThan(10);
        }
      });
    });
  });
}
