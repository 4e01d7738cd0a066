import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/env.js";

const SCRIPT = join(REPO_ROOT, "scripts", "gen-hostile-inputs.mjs");
const SUITE = join(REPO_ROOT, "test", "redteam");

describe("docs/hostile-inputs.md", () => {
  it("is what scripts/gen-hostile-inputs.mjs writes from the red-team suite (run it after changing a probe)", async () => {
    const gen = (await import(SCRIPT)) as { render: () => string };
    const current = readFileSync(join(REPO_ROOT, "docs", "hostile-inputs.md"), "utf8");
    expect(current === gen.render(), "docs/hostile-inputs.md is stale: run node scripts/gen-hostile-inputs.mjs").toBe(true);
  });

  it("every red-team file has one top-level describe, and every probe title reads `<input> → <answer>`", async () => {
    const gen = (await import(SCRIPT)) as { probesOf: (s: string) => { area?: string; probes: string[] } };
    const files = readdirSync(SUITE).filter((f) => f.endsWith(".test.ts"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const source = readFileSync(join(SUITE, f), "utf8");
      const { area, probes } = gen.probesOf(source);
      expect(area, f).toBeTruthy();
      // Every it( in the file has a fixed title the generator can read (no computed titles).
      expect(probes.length, f).toBe((source.match(/^\s*it(\.\w+(\([^)]*\))?)?\(/gm) ?? []).length);
      for (const p of probes) expect(p, `${f}: ${p}`).toMatch(/\S → \S/);
    }
  });

  it("states the threat model of issue 12", () => {
    const doc = readFileSync(join(REPO_ROOT, "docs", "hostile-inputs.md"), "utf8");
    expect(doc).toContain("## Threat model");
    expect(doc).toMatch(/prompt-injected/);
    expect(doc).toMatch(/untrusted input/);
  });
});
