import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";
import type { Finding } from "../../src/lint/types.js";
import { CASES } from "./cases.js";
import { cleanup, writeOverlay, writeProject } from "./helpers.js";

/**
 * Performance work on the engine must not change a single finding. This test lints every fixture
 * folder, every rule case (bad and fixed, all rules, every profile) and the benchmark connector, and
 * compares the complete findings (positions, messages, fixes) with a recording made before that work.
 * Re-record only for an intended change of findings: FTLINT_SNAPSHOT=update npx vitest run test/lint/findings-snapshot
 */
const SNAPSHOT = join(import.meta.dirname, "findings-snapshot.json");
const FIXTURES = join(import.meta.dirname, "fixtures");
const PROFILES = ["guidelines", "sdk", "fivetran-examples"] as const;

type Compact = (string | number)[];
function compact(fs: Finding[]): Compact[] {
  return fs.map((f) => [f.rule, f.severity, f.file, f.line, f.column, f.endLine, f.endColumn, f.message, f.fix ? JSON.stringify(f.fix) : ""]);
}

afterAll(cleanup);

describe("findings are unchanged by engine work", () => {
  it("match the recording on fixtures, rule cases and the bench connector", async () => {
    const got: Record<string, Compact[]> = {};
    const projects: [string, string, { profile?: (typeof PROFILES)[number]; targetSdk?: string }][] = [];
    for (const group of readdirSync(FIXTURES).sort()) {
      for (const name of readdirSync(join(FIXTURES, group)).sort()) {
        for (const profile of PROFILES) projects.push([`fixtures/${group}/${name}/${profile}`, join(FIXTURES, group, name), { profile }]);
      }
    }
    for (const [id, c] of Object.entries(CASES)) {
      for (const [kind, overlay] of [
        ["bad", c.bad],
        ["good", c.good],
      ] as const) {
        const dir = writeOverlay(overlay);
        projects.push([`cases/${id}/${kind}`, dir, { profile: c.profile, targetSdk: c.targetSdk }]);
        if (!c.profile) projects.push([`cases/${id}/${kind}/sdk-2.8.1`, dir, { profile: "sdk", targetSdk: "2.8.1" }]);
      }
    }
    // @ts-expect-error: a plain ESM script without types
    const { generate } = await import("../../scripts/bench/lint.mjs");
    const bench = writeProject({ "connector.py": generate(3000), "configuration.json": '{\n  "base_url": "<YOUR_BASE_URL>"\n}\n', "requirements.txt": "" });
    projects.push(["bench", bench, {}]);
    for (const [key, dir, opts] of projects) got[key] = compact((await lint(dir, opts)).findings);

    if (process.env.FTLINT_SNAPSHOT === "update") {
      writeFileSync(SNAPSHOT, JSON.stringify(got, null, 0).replace(/\],"/g, '],\n"') + "\n");
    }
    const want = JSON.parse(readFileSync(SNAPSHOT, "utf8")) as Record<string, Compact[]>;
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    // One project at a time, so a difference names the project it is in.
    for (const key of Object.keys(want)) expect(got[key], key).toEqual(want[key]);
    // The recording is not empty: most bad cases do report.
    expect(Object.values(want).filter((v) => v.length > 0).length).toBeGreaterThan(150);
  }, 300_000);
});
