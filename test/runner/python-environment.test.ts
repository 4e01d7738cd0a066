import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { afterEach, describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { realSdkPython } from "../helpers/env.js";
import { HEADER, makeConnector } from "./helpers.js";

// The runner starts Python with PYTHONIOENCODING=utf-8 and PYTHONUNBUFFERED=1 so that Node reads its output as it
// needs; the connector and its child processes must see the user's own values instead, as under `fivetran debug`
// started from the user's shell (fidelity 519). A child Python's stdout is block-buffered on a pipe without
// PYTHONUNBUFFERED, so with stderr folded into stdout its warning comes before its data lines.
const python = realSdkPython();
const CONNECTOR = `import os, subprocess, sys
${HEADER}
CHILD = "import sys; print('out1'); print('err', file=sys.stderr); print('out2')"

def update(configuration, state):
    out = subprocess.run([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    op.checkpoint({"lines": out.splitlines(), "io": os.environ.get("PYTHONIOENCODING"), "unbuffered": os.environ.get("PYTHONUNBUFFERED")})
connector = Connector(update=update)
`;
const NAMES = ["PYTHONIOENCODING", "PYTHONUNBUFFERED"] as const;
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
afterEach(() => {
  for (const n of NAMES) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
});

function setEnv(values: Partial<Record<(typeof NAMES)[number], string>>): void {
  for (const n of NAMES) {
    if (values[n] === undefined) delete process.env[n];
    else process.env[n] = values[n];
  }
}

const stateOf = (dir: string) => JSON.parse(readFileSync(join(dir, "files", "state.json"), "utf8")) as Record<string, unknown>;

describe("PYTHONIOENCODING and PYTHONUNBUFFERED as the user's environment has them", () => {
  it("unset: the connector sees neither, and its child Python buffers its stdout (embedded engine)", async () => {
    setEnv({});
    const dir = makeConnector(CONNECTOR);
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.status).toBe("succeeded");
    expect(stateOf(dir)).toEqual({ lines: ["err", "out1", "out2"], io: null, unbuffered: null });
  });

  it("set: the connector sees the user's own values, not the runner's (embedded engine)", async () => {
    setEnv({ PYTHONIOENCODING: "latin-1", PYTHONUNBUFFERED: "1" });
    const dir = makeConnector(CONNECTOR);
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.status).toBe("succeeded");
    expect(stateOf(dir)).toEqual({ lines: ["out1", "err", "out2"], io: "latin-1", unbuffered: "1" });
  });

  it.skipIf(!python)("unset: `fivetran debug` gives the same", async () => {
    setEnv({});
    const dir = makeConnector(CONNECTOR);
    const env: Record<string, string> = { DO_NOT_TRACK: "1", PATH: `${dirname(python!)}:${process.env.PATH ?? ""}` };
    for (const k of ["HOME", "LANG", "LC_ALL", "TMPDIR"]) if (process.env[k] !== undefined) env[k] = process.env[k]!;
    const sdk = await execa(join(dirname(python!), "fivetran"), ["debug"], { cwd: dir, env, extendEnv: false, stdin: "ignore", reject: false, timeout: 90_000 });
    expect(sdk.exitCode).toBe(0);
    expect(stateOf(dir)).toEqual({ lines: ["err", "out1", "out2"], io: null, unbuffered: null });
  });
});
