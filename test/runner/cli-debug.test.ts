import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/debug.js";
import type { CliIO } from "../../src/cli/io.js";
import { HEADER, makeConnector } from "./helpers.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t) };
  return { io, out, err };
}

const OK = `${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\n    op.checkpoint({"x": 1})\nconnector = Connector(update=update)\n`;

describe("CLI debug", () => {
  it("--json prints exactly one JSON object; exit 0", async () => {
    const c = capture();
    const code = await run([makeConnector(OK), "--engine", "embedded", "--json"], c.io);
    expect(code).toBe(0);
    expect(c.out).toHaveLength(1);
    expect(JSON.parse(c.out[0])).toMatchObject({ status: "succeeded", rows_per_table: { t: 1 } });
  });

  it("text mode prints the SYNC PROGRESS block on stdout; a failed sync exits 1; bad usage exits 2", async () => {
    const c = capture();
    expect(await run([makeConnector(OK), "--engine", "embedded"], c.io)).toBe(0);
    expect(c.out.join("\n")).toMatch(/^SYNC SUCCEEDED — total elapsed .*\nOperation {7}\| Counts/);
    const f = capture();
    expect(await run([makeConnector(`${HEADER}def update(configuration, state):\n    raise RuntimeError("x")\nconnector = Connector(update=update)\n`), "--engine", "embedded"], f.io)).toBe(1);
    expect(f.out.join("\n")).toContain("SYNC FAILED");
    expect(f.err.join("\n")).toContain("connector_exception");
    expect(await run(["--engine", "bogus"], capture().io)).toBe(2);
    expect(await run(["/no/such/dir"], capture().io)).toBe(2);
  });

  it("a failed sync exits non-zero in text and --json mode alike: the connector's own exit code, as fivetran debug's", async () => {
    const raising = makeConnector(`${HEADER}def update(configuration, state):\n    raise RuntimeError("x")\nconnector = Connector(update=update)\n`);
    const exiting = makeConnector(`${HEADER}import sys\ndef update(configuration, state):\n    op.upsert("t", {"id": 1})\n    sys.exit(3)\nconnector = Connector(update=update)\n`);
    const stopped = makeConnector(`${HEADER}import sys\ndef update(configuration, state):\n    sys.exit(0)\nconnector = Connector(update=update)\n`);
    for (const mode of [[], ["--json"]]) {
      expect(await run([raising, "--engine", "embedded", ...mode], capture().io), `raise ${mode.join(" ")}`).toBe(1);
      expect(await run([exiting, "--engine", "embedded", ...mode], capture().io), `sys.exit(3) ${mode.join(" ")}`).toBe(3);
      // fivetran debug ends sys.exit(0) with 0, but the sync stopped there without a verdict: a failure here.
      expect(await run([stopped, "--engine", "embedded", ...mode], capture().io), `sys.exit(0) ${mode.join(" ")}`).toBe(1);
    }
  });
});
