import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";
import { pythonCompile } from "../../src/lint/external.js";
import { parseJson } from "../../src/lint/json.js";
import { parsePython } from "../../src/lint/python.js";
import { CASES } from "./cases.js";
import { cleanup, writeOverlay } from "./helpers.js";

afterAll(cleanup);

const FIXTURES = join(import.meta.dirname, "fixtures");
function copy(dir: string): string {
  const to = mkdtempSync(join(tmpdir(), "ftlint-fix-"));
  cpSync(dir, to, { recursive: true });
  return to;
}

interface Target {
  name: string;
  dir: () => string;
  profile?: "guidelines" | "sdk" | "fivetran-examples";
  targetSdk?: string;
}

const targets: Target[] = [
  ...Object.entries(CASES).flatMap(([id, c]) => [
    { name: `${id} bad`, dir: () => writeOverlay(c.bad), profile: c.profile, targetSdk: c.targetSdk },
    { name: `${id} good`, dir: () => writeOverlay(c.good), profile: c.profile, targetSdk: c.targetSdk },
  ]),
  ...readdirSync(join(FIXTURES, "broken")).map((n) => ({ name: `broken/${n}`, dir: () => copy(join(FIXTURES, "broken", n)), profile: n === "legacy-yield" ? ("sdk" as const) : undefined })),
  ...readdirSync(join(FIXTURES, "clean")).map((n) => ({ name: `clean/${n}`, dir: () => copy(join(FIXTURES, "clean", n)) })),
];

describe("applying every safe fix leaves parseable files with no safe fix left", () => {
  const compileQueue: { name: string; file: string; source: string }[] = [];
  for (const t of targets) {
    it(t.name, async () => {
      const dir = t.dir();
      const before = await lint(dir, { profile: t.profile, targetSdk: t.targetSdk, generic: false });
      const after = await lint(dir, { profile: t.profile, targetSdk: t.targetSdk, generic: false, fix: true });
      const left = after.findings.filter((f) => f.fix?.safe);
      expect(left, JSON.stringify(left, null, 1)).toEqual([]);
      if (before.summary.fixable > 0) expect(after.fixed.length).toBeGreaterThan(0);
      for (const file of readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)) {
        const text = readFileSync(join(dir, file), "utf8");
        if (file.endsWith(".py")) {
          const parsed = await parsePython(text);
          // A fixture that starts broken (FT001) may stay broken; a fix must never break a good file.
          if (!before.findings.some((f) => f.rule === "FT001" && f.file === file)) {
            expect(parsed.errors, `${t.name}/${file} after fixes:\n${text}`).toEqual([]);
            compileQueue.push({ name: t.name, file: `${t.name}/${file}`, source: text });
          }
        }
        if (file === "configuration.json" && !before.findings.some((f) => f.rule === "FT050")) expect(() => parseJson(text)).not.toThrow();
      }
    });
  }
  it("python3 compiles every fixed file", async () => {
    const errors = await pythonCompile(compileQueue.map((q) => ({ file: q.file, source: q.source })));
    if (errors === undefined) return; // no python3 on this machine: the tree-sitter check above still ran
    expect(errors).toEqual([]);
  });
});
