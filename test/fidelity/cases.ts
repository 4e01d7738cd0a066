// What each fidelity connector is expected to do under the real SDK, and the differences the embedded engine is
// known to still have. A known difference must be named exactly here and in docs/fidelity.md; its test then
// runs as `it.fails`, so it turns red again the moment the engine is fixed and the entry should be removed.

export interface FidelityCase {
  /** How many times the connector runs in the same folder (the second continues from files/state.json). */
  runs: number;
  /** The real SDK's outcome of each run: a check that the connector still tests what it was written for. */
  expect: ("succeeded" | "failed")[];
  /** The exact difference the embedded engine still has, if any. */
  knownDifference?: string;
}

const DEFAULT: FidelityCase = { runs: 1, expect: ["succeeded"] };

const CASES: Record<string, Partial<FidelityCase>> = {
  "03-naive-time-rejected": { expect: ["failed"] },
  "11-failure-after-checkpoint": { expect: ["failed"] },
  "14-second-run-from-state": { runs: 2, expect: ["succeeded", "succeeded"] },
  "17-failure-before-checkpoint": { expect: ["failed"] },
  "21-update-after-earlier-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  "23-operation-errors": { expect: ["failed"] },
  "27-refused-int-uncaught": { expect: ["failed"] },
  "42-offset-seconds": { expect: ["failed"] },
  "58-surrogates": { expect: ["failed"] },
  "63-state-after-failure": { expect: ["failed"] },
  "68-big-cursor-next-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  "47-float-key-collision": { knownDifference: "two keys one after the cast: the writer fails on the duplicate, the SDK keeps the first" },
  "48-key-widening": { knownDifference: "an untyped key column widening from BIGINT to FLOAT is not widened; the sync fails" },
  "49-key-widening-same-batch": { knownDifference: "keys 3, 3.0 and \"3\" one after the cast: the writer fails on the duplicate" },
  "56-inferred-widening-mix": { knownDifference: "spilling only: a BOOLEAN column widened to VARCHAR later in a checkpoint keeps 1, not true" },
};

export function caseFor(name: string): FidelityCase {
  return { ...DEFAULT, ...CASES[name] };
}
