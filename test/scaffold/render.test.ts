import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allCombinations, OPERATION_STYLES, scaffoldProject } from "../../src/scaffold/index.js";

const CHECKER = join(import.meta.dirname, "check_python.py");

describe("every offered combination renders valid Python", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "scaffold-syntax-")));
  const dirs: string[] = [];
  for (const style of OPERATION_STYLES) {
    for (const c of allCombinations()) {
      const dir = join(root, `${style}-${c.source}-${c.auth}-${c.pagination}-${c.sync}`);
      scaffoldProject(dir, { source_type: c.source, auth: c.auth, pagination: c.pagination, sync: c.sync, operation_style: style });
      dirs.push(dir);
    }
  }

  it("parses for Python 3.9, compiles, and has no unused imports or undefined names", () => {
    let output = "";
    try {
      output = execFileSync("python3", [CHECKER, ...dirs.map((d) => join(d, "connector.py"))], { encoding: "utf8" });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    const results = output.trim().split("\n").map((l) => JSON.parse(l) as { path: string; problems: string[] });
    expect(results).toHaveLength(dirs.length);
    const failures = results.filter((r) => r.problems.length > 0);
    expect(failures).toEqual([]);
  });

  it("writes only string placeholder values to configuration.json", () => {
    for (const d of dirs) {
      const cfg = JSON.parse(readFileSync(join(d, "configuration.json"), "utf8")) as Record<string, unknown>;
      for (const v of Object.values(cfg)) {
        expect(typeof v).toBe("string");
        expect(v as string).toMatch(/^<[A-Z_]+>$/);
      }
    }
  });
});
