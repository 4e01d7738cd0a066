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
  "27-refused-int-uncaught": { expect: ["failed"], knownDifference: "issue 11: values converted in Node, after the call" },
  "42-offset-seconds": { expect: ["failed"], knownDifference: "issue 11: values converted in Node, after the call" },
  "58-surrogates": { expect: ["failed"], knownDifference: "issue 11: values converted in Node, after the call" },
  "63-state-after-failure": { expect: ["failed"], knownDifference: "issue 11: values converted in Node, after the call" },
  "26-refused-int-caught": { knownDifference: "issue 11: values converted in Node, after the call" },
  "28-aware-string-in-naive": { knownDifference: "issue 11: values converted in Node, after the call" },
  "29-refused-types-caught": { knownDifference: "issue 11: values converted in Node, after the call" },
  "30-refused-update-delete": { knownDifference: "issue 11: values converted in Node, after the call" },
  "31-json-numbers": { knownDifference: "issue 11: values converted in Node, after the call" },
  "32-json-key-order": { knownDifference: "issue 11: values converted in Node, after the call" },
  "33-state-numbers": { knownDifference: "issue 11: values converted in Node, after the call" },
  "34-state-list": { knownDifference: "issue 11: values converted in Node, after the call" },
  "35-state-string": { knownDifference: "issue 11: values converted in Node, after the call" },
  "38-python-text-inferred": { knownDifference: "issue 11: values converted in Node, after the call" },
  "39-python-text-declared": { knownDifference: "issue 11: values converted in Node, after the call" },
  "43-strptime-leniency": { knownDifference: "issue 11: values converted in Node, after the call" },
  "45-unicode-names": { knownDifference: "issue 11: values converted in Node, after the call" },
  "46-unicode-hash": { knownDifference: "issue 11: values converted in Node, after the call" },
  "47-float-key-collision": { knownDifference: "issue 11: values converted in Node, after the call" },
  "48-key-widening": { knownDifference: "issue 11: values converted in Node, after the call" },
  "49-key-widening-same-batch": { knownDifference: "issue 11: values converted in Node, after the call" },
  "50-big-ints": { knownDifference: "issue 11: values converted in Node, after the call" },
  "51-negative-zero": { knownDifference: "issue 11: values converted in Node, after the call" },
  "56-inferred-widening-mix": { knownDifference: "issue 11: values converted in Node, after the call" },
  "59-binary-values": { knownDifference: "issue 11: values converted in Node, after the call" },
  "62-nan-in-int": { knownDifference: "issue 11: values converted in Node, after the call" },
  "66-checkpoint-in-helper-thread": { knownDifference: "issue 11: values converted in Node, after the call" },
};

export function caseFor(name: string): FidelityCase {
  return { ...DEFAULT, ...CASES[name] };
}
