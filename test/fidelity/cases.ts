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
  "22-source-schemas": {
    knownDifference:
      "the schema= argument of schema() entries and operations is ignored: the SDK writes to tester_sales and " +
      "tester_after_sales, the engine writes all three tables to tester, so Sales.orders and orders merge and the " +
      "Sales delete of id 0 soft-deletes the default orders row",
  },
  "23-operation-errors": {
    expect: ["failed"],
    knownDifference:
      "Upserts counts 5, the SDK 4: the SDK does not count an upsert that raised (the null key) nor one made after " +
      "the sync has failed",
  },
};

export function caseFor(name: string): FidelityCase {
  return { ...DEFAULT, ...CASES[name] };
}
