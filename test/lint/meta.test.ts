import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/lint/rules/index.js";
import { CASES } from "./cases.js";
import { DOCS_DIR, README, README_SECTION, readmeSection, renderDoc, ROOT } from "./docs.js";

/** Keeps rule ids, rule files, fixtures, docs and the README table in sync (npm run docs:lint writes the last two). */
const RULES_DIR = join(ROOT, "src", "lint", "rules");

describe("rule catalogue meta-test", () => {
  const ids = ALL_RULES.map((r) => r.meta.id);
  it("ids are unique and match their files", () => {
    expect(new Set(ids).size).toBe(ids.length);
    const files = readdirSync(RULES_DIR)
      .filter((f) => /^FT[0-9A-F]{3}\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(files).toEqual([...ids].sort());
    for (const r of ALL_RULES) {
      expect(r.meta.title.length).toBeGreaterThan(5);
      expect(r.meta.guideline.length).toBeGreaterThan(5);
      expect(r.meta.profiles.length).toBeGreaterThan(0);
    }
  });
  it("every rule has bad and fixed fixtures", () => {
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
  });
  it("every rule has its doc", () => {
    for (const id of ids) {
      const file = join(DOCS_DIR, `${id}.md`);
      expect(existsSync(file), `${file} missing: run npm run docs:lint`).toBe(true);
      expect(readFileSync(file, "utf8")).toBe(renderDoc(id, CASES[id]));
    }
    const extra = readdirSync(DOCS_DIR).filter((f) => !ids.includes(f.replace(/\.md$/, "")));
    expect(extra).toEqual([]);
  });
  it("the README's Lint rules section lists every rule", () => {
    const readme = readFileSync(README, "utf8");
    const m = README_SECTION.exec(readme);
    expect(m, "README has no '## Lint rules' section").not.toBeNull();
    expect(m![0].trimEnd(), "README's Lint rules section is stale: run npm run docs:lint").toBe(readmeSection().trimEnd());
  });
});
