import { afterAll, describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/lint/rules/index.js";
import { CASES } from "./cases.js";
import { cleanup } from "./helpers.js";
import { POSITIONS } from "./rule-positions.js";
import { runRuleTests } from "./rule-tester.js";

afterAll(cleanup);

describe("every rule reports exactly where it should on its bad case and nothing on its fixed one", () => {
  it("every rule has a case and recorded positions", () => {
    const ids = ALL_RULES.map((r) => r.meta.id).sort();
    expect(Object.keys(CASES).sort()).toEqual(ids);
    expect(Object.keys(POSITIONS).sort()).toEqual(ids);
    for (const id of ids) expect(POSITIONS[id].length, id).toBeGreaterThan(0);
  });
  for (const [id, c] of Object.entries(CASES)) {
    runRuleTests(id, { valid: [c.good], invalid: [{ project: c.bad, errors: POSITIONS[id] ?? [] }], profile: c.profile, targetSdk: c.targetSdk });
  }
});
