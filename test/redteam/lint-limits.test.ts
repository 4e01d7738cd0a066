import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, type Harness } from "./lib/issue-12b-server.js";
import { peakRssDuring } from "./lib/s5-q-limits.js";

const CONNECTOR = `from fivetran_connector_sdk import Connector, Operations as op
import helper

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"done": True})

connector = Connector(update=update)
`;

describe("Lint time and memory limits", () => {
  let h: Harness;
  let n = 0;
  const withHelper = (text: string): string => h.connector(`lint${n++}`, CONNECTOR, {}, { "helper.py": text });

  beforeAll(async () => {
    h = await harness("rt-s5q-lint");
    // The parser, Ruff and python3 warm up once, outside the probes.
    await h.call("lint_connector", { project_dir: withHelper("x = 1\n") });
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('helper.py holding one 250,000-character string literal s = "aaaa…" → lint answers (the secret-URL pattern is linear now; it took minutes)', async () => {
    const dir = withHelper(`s = "${"a".repeat(250_000)}"\n`);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"no answer">((r) => (timer = setTimeout(() => r("no answer"), 40_000)));
    const a = await Promise.race([h.call("lint_connector", { project_dir: dir }), late]);
    clearTimeout(timer);
    expect(a).not.toBe("no answer");
    expect(a !== "no answer" && a.isError).toBe(false);
  }, 60_000);

  it("helper.py of 3 MB ('x = 1\\n' × 500,000) → isError invalid_argument naming helper.py and the size limit, memory flat", async () => {
    const dir = withHelper("x = 1\n".repeat(500_000));
    const { value: a, growthMb } = await peakRssDuring(() => h.call("lint_connector", { project_dir: dir }));
    expect(a.code).toBe("invalid_argument");
    expect(a.text).toContain("helper.py");
    expect(a.text).toContain("262144 bytes");
    expect(growthMb).toBeLessThan(150);
  }, 60_000);

  it("50,000 nested parentheses in helper.py → FT001 syntax error from python3 (too many nested parentheses), not an internal error", async () => {
    const dir = withHelper(`x = ${"(".repeat(50_000)}1${")".repeat(50_000)}\n`);
    const a = await h.call("lint_connector", { project_dir: dir });
    expect(a.isError).toBe(false);
    expect(a.text).not.toContain("This is a bug");
    expect(a.text).toMatch(/helper\.py:1 FT001 syntax error \(python3 compile\).*too many nested parentheses/);
  }, 60_000);

  it("30,000 nested brackets in helper.py → FT001 syntax error, not an internal error", async () => {
    const dir = withHelper(`x = ${"[".repeat(30_000)}${"]".repeat(30_000)}\n`);
    const a = await h.call("lint_connector", { project_dir: dir });
    expect(a.isError).toBe(false);
    expect(a.text).not.toContain("This is a bug");
    expect(a.text).toContain("helper.py:1 FT001");
  }, 60_000);

  it("a 200 KB helper.py of ordinary statements (under the limit) → linted", async () => {
    const dir = withHelper("x = 1\n".repeat(33_000));
    writeFileSync(join(dir, "extra.py"), "y = 2\n");
    const a = await h.call("lint_connector", { project_dir: dir });
    expect(a.isError).toBe(false);
  }, 60_000);
});
