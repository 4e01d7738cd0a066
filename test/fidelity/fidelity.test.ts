// The fidelity suite: every connector in connectors/ runs under the real SDK's `fivetran debug` and under the
// embedded engine, each in its own copy; the outcome, the operation counts and everything left in files/ must match.
// See docs/fidelity.md.
import { basename, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setWarehouseOpener } from "../../src/runner/index.js";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { realSdkPython } from "../helpers/env.js";
import { caseFor } from "./cases.js";
import { copyConnector, listConnectors, makeRoot, pool, removeRoot, render, runEmbedded, runRealSdk, type Engine, type RunRecord } from "./lib/engines.js";

// Throws under CI=true when the venv is missing: in CI this suite fails, it never skips.
const python = realSdkPython();
const connectors = listConnectors();
const results = new Map<string, Record<Engine, RunRecord[]>>();
let root = "";

describe.skipIf(python === null)("fidelity: embedded engine vs the real SDK 3.0.0", () => {
  beforeAll(
    async () => {
      root = makeRoot();
      // The "spill" copies run with rows written early every two operations (a few big ones every 64: cases.ts),
      // inside the transaction the next checkpoint commits: where those writes fall must not show in the warehouse.
      setWarehouseOpener((dir, opts) => WarehouseWriter.open(dir, { ...opts, ...(dir.includes(`${sep}spill-`) ? { spillRows: caseFor(basename(dir)).spillRows ?? 2 } : {}) }));
      const jobs = connectors.flatMap((name) =>
        (["sdk", "embedded", "spill"] as const).map((engine) => async () => {
          const dir = copyConnector(name, root, engine);
          const runs: RunRecord[] = [];
          for (let i = 0; i < caseFor(name).runs; i++) {
            caseFor(name).beforeRun?.[i + 1]?.(dir);
            const naming = caseFor(name).naming?.[i + 1];
            runs.push(engine === "sdk" ? await runRealSdk(dir, python!, naming) : await runEmbedded(dir, naming));
          }
          return { name, engine, runs };
        }),
      );
      for (const r of await pool(jobs, 2)) {
        const entry = results.get(r.name) ?? ({} as Record<Engine, RunRecord[]>);
        entry[r.engine] = r.runs;
        results.set(r.name, entry);
      }
      // Three runs per connector, two at a time: on two shared cores a run takes up to about 10 s.
    },
    Math.max(900_000, connectors.length * 15_000),
  );

  afterAll(() => {
    setWarehouseOpener(undefined);
    if (root && !process.env.FIDELITY_KEEP) removeRoot(root);
  });

  it("has at least 60 connectors (any, under FIDELITY_ONLY)", () => {
    expect(connectors.length).toBeGreaterThanOrEqual(process.env.FIDELITY_ONLY ? 1 : 60);
  });

  for (const name of connectors) {
    const c = caseFor(name);
    const test = c.knownDifference ? it.fails : it;
    test(`${name}${c.knownDifference ? ` (known difference: ${c.knownDifference})` : ""}`, () => {
      const { sdk, embedded } = results.get(name)!;
      // The connector itself must still do what it was written for, or the comparison proves nothing.
      expect(
        sdk.map((r) => r.status),
        `real SDK outcome of ${name}\n${sdk.map((r) => r.log).join("\n")}`,
      ).toEqual(c.expect);
      // Counts and the error's text are compared only where the real SDK printed them.
      const comparable = embedded.map((r, i) => ({ ...r, counts: sdk[i]?.counts ? r.counts : null, error: sdk[i]?.error == null ? null : r.error }));
      expect(render(comparable), `embedded engine log of ${name}:\n${embedded.map((r) => r.log).join("\n")}`).toBe(render(sdk));
      const spilled = results.get(name)!.spill.map((r, i) => ({ ...r, counts: sdk[i]?.counts ? r.counts : null, error: sdk[i]?.error == null ? null : r.error }));
      expect(
        render(spilled),
        `embedded engine (spilling) log of ${name}:\n${results
          .get(name)!
          .spill.map((r) => r.log)
          .join("\n")}`,
      ).toBe(render(sdk));
    });
  }
});
