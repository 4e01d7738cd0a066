import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";
import { allCombinations, comboLabel, comboOptions, OPERATION_STYLES, scaffoldProject } from "../../src/scaffold/index.js";

/** Every offered combination, in both operation styles, lints with no error and no warning under the default profile. */
describe("every offered combination is lint-clean", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "scaffold-lint-")));
  for (const style of OPERATION_STYLES) {
    it(`operation_style ${style}`, async () => {
      const problems: string[] = [];
      for (const c of allCombinations()) {
        const dir = join(root, `${style}-${comboLabel(c).replace(/[/[\]]/g, "-")}`);
        scaffoldProject(dir, { ...comboOptions(c), operation_style: style });
        const r = await lint(dir);
        for (const f of r.findings.filter((x) => x.severity !== "info")) {
          problems.push(`${comboLabel(c)}: ${f.rule} ${f.severity} ${f.file}:${f.line} ${f.message}`);
        }
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }
});
