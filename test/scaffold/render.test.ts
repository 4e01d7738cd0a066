import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allCombinations, comboLabel, comboOptions, OPERATION_STYLES, scaffoldProject } from "../../src/scaffold/index.js";

const CHECKER = join(import.meta.dirname, "check_python.py");

describe("every offered combination renders valid Python", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "scaffold-syntax-")));
  const dirs: string[] = [];
  for (const style of OPERATION_STYLES) {
    for (const c of allCombinations()) {
      const dir = join(root, `${style}-${comboLabel(c).replace(/[/[\]]/g, "-")}`);
      scaffoldProject(dir, { ...comboOptions(c), operation_style: style });
      dirs.push(dir);
    }
  }

  it("parses for Python 3.9 to 3.13, compiles, and has no unused imports or undefined names", () => {
    let output = "";
    try {
      output = execFileSync("python3", [CHECKER, ...dirs.map((d) => join(d, "connector.py"))], { encoding: "utf8" });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    const results = output
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { path: string; problems: string[] });
    expect(results).toHaveLength(dirs.length);
    const failures = results.filter((r) => r.problems.length > 0);
    expect(failures).toEqual([]);
    // Five parses per file: generous, because the machine is shared with the matrix runs.
  }, 180_000);

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

describe("storage and driver choices", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "scaffold-variants-")));
  const cases = [
    {
      opts: { source_type: "file", storage: "s3" },
      pin: "boto3==1.43.11",
      keys: ["bucket", "prefix", "region", "endpoint_url", "aws_access_key_id", "aws_secret_access_key"],
      optional: ["prefix", "endpoint_url"],
    },
    { opts: { source_type: "database", driver: "postgresql" }, pin: "psycopg2-binary==2.9.10", keys: ["host", "port", "database", "user", "password"], optional: [] },
    { opts: { source_type: "database", driver: "mysql" }, pin: "PyMySQL==1.2.4", keys: ["host", "port", "database", "user", "password"], optional: [] },
  ] as const;
  for (const c of cases) {
    it(`${c.opts.source_type} ${"storage" in c.opts ? c.opts.storage : c.opts.driver}: pins its package and documents every key`, () => {
      const dir = join(root, c.pin.split("==")[0]);
      const r = scaffoldProject(dir, c.opts);
      expect(r.configurationKeys).toEqual([...c.keys]);
      expect(readFileSync(join(dir, "requirements.txt"), "utf8").split("\n")).toContain(c.pin);
      const readme = readFileSync(join(dir, "README.md"), "utf8");
      for (const k of c.keys) expect(readme).toContain(`| \`${k}\` | ${(c.optional as readonly string[]).includes(k) ? "no" : "yes"} |`);
      expect(Object.keys(JSON.parse(readFileSync(join(dir, "configuration.json"), "utf8")))).toEqual([...c.keys]);
    });
  }

  it("defaults to local files and SQLite, and refuses a variant of another source", () => {
    expect(scaffoldProject(join(root, "f"), { source_type: "file" }).options.storage).toBe("local");
    expect(scaffoldProject(join(root, "d"), { source_type: "database" }).options.driver).toBe("sqlite");
    expect(() => scaffoldProject(join(root, "x"), { source_type: "rest_api", storage: "s3" })).toThrow(/storage applies to source_type file/);
    expect(() => scaffoldProject(join(root, "y"), { source_type: "file", driver: "mysql" })).toThrow(/driver applies to source_type database/);
  });

  it("offers child tables for graphql, nested under the parent's field", () => {
    const dir = join(root, "gql");
    scaffoldProject(dir, { source_type: "graphql", pagination: "cursor" });
    const py = readFileSync(join(dir, "connector.py"), "utf8");
    expect(py).toContain('"parent_field": "user",\n        "primary_key": ["users_id", "id"],\n        "parent": "users",\n        "parent_key": "users_id",');
    expect(py).toContain("(id: $parentId)");
  });
});
