// src/warehouse/cells.ts against the real SDK 3.0's core, text by text: test/fidelity/cells/core_cells.py runs the
// core's _text_type, stage_text and java_float_text over seeded random texts (digits of other scripts, Python's
// spaces, underscores, signs, dates, booleans) and floats (ties at their shortest digits) in the test venv's Python.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FloatCell, javaFloatText, stageText, textType } from "../../src/warehouse/cells.js";
import { REPO_ROOT, realSdkPython } from "../helpers/env.js";
import { pythonDigitsOf } from "../helpers/python-digits.js";

const python = realSdkPython();

interface Core {
  kinds: string[];
  texts: [string, string | null, (string | null)[]][];
  floats: [string, string, string][];
}

describe.skipIf(python === null)("cells: the writer types and stages text as the real SDK 3.0's core does", () => {
  const core = (): Core =>
    JSON.parse(
      execFileSync(python!, [join(REPO_ROOT, "test", "fidelity", "cells", "core_cells.py"), "7"], {
        encoding: "utf8",
        maxBuffer: 64 << 20,
        env: { PATH: process.env.PATH ?? "", DO_NOT_TRACK: "1" },
      }),
    ) as Core;

  it("gives every text the core's type and staged text, and every float the core's Java text", () => {
    const { kinds, texts, floats } = core();
    // As a sync learns them from the harness: the characters the venv's Python reads as digits.
    const digits = pythonDigitsOf(
      texts.map(([text]) => text),
      python!,
    );
    const differences: string[] = [];
    for (const [text, type, staged] of texts) {
      if (textType(text, digits) !== type) differences.push(`type of ${JSON.stringify(text)}: ${textType(text, digits)}, core ${type}`);
      kinds.forEach((kind, i) => {
        const ours = stageText(text, kind, digits);
        if (ours !== staged[i]) differences.push(`${kind} text of ${JSON.stringify(text)}: ${JSON.stringify(ours)}, core ${JSON.stringify(staged[i])}`);
      });
    }
    for (const [repr, single, double] of floats) {
      const value = Number(repr);
      const ours = [javaFloatText(new FloatCell(value, true, repr)), javaFloatText(new FloatCell(value, false, repr))];
      if (ours[0] !== single || ours[1] !== double) differences.push(`Java text of ${repr}: ${ours.join(" / ")}, core ${single} / ${double}`);
    }
    expect(differences.slice(0, 20)).toEqual([]);
    expect(texts.length).toBeGreaterThan(10_000);
    expect(floats.length).toBeGreaterThan(50_000);
  });

  // In a decimal context the connector changed, the harness works these texts out (356), in Python, as the core does
  // at the flush: test/fidelity/cells/context_texts.py compares the two in seeded random contexts.
  it("gives a float's Java text and a DECIMAL's rounding error as the core does in the connector's decimal context", () => {
    const out = JSON.parse(
      execFileSync(python!, [join(REPO_ROOT, "test", "fidelity", "cells", "context_texts.py"), join(REPO_ROOT, "src", "runner", "harness"), "7"], {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", DO_NOT_TRACK: "1" },
      }),
    ) as { checks: number; raised: number; changed: number; differences: unknown[] };
    expect(out.differences).toEqual([]);
    expect(out.checks).toBeGreaterThan(20_000);
    // The contexts make both sides raise, and give texts the default context does not.
    expect(out.raised).toBeGreaterThan(1_000);
    expect(out.changed).toBeGreaterThan(1_000);
  });
});
