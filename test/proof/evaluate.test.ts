import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateConnector } from "../../src/evaluate/index.js";
import { runSync } from "../../src/runner/index.js";
import { API_KEY, startProofApi, type ProofApi } from "./api.js";
import { connectorCopy } from "./helpers.js";

// Real parts: evaluate_connector's engine with python3, a loopback API and a recording made from it.
let api: ProofApi;
beforeAll(async () => {
  api = await startProofApi();
});
afterAll(async () => {
  await api.close();
});

describe("evaluate_connector with a recording", () => {
  it("tries transient faults and crash points on the replay and reports what it found", async () => {
    const dir = connectorCopy("naive", { base_url: api.url, api_key: API_KEY });
    const rec = await runSync({ projectDir: dir, engine: "embedded", record: "base", reset: true });
    expect(rec.status).toBe("succeeded");
    const report = await evaluateConnector({ projectDir: dir, writeMarkdown: false });
    const all = [...report.blocking, ...report.warnings, ...report.info];
    const rules = all.map((f) => f.rule);
    // The naive connector retries nothing: every transient fault is a warning.
    for (const f of ["429", "503", "timeout", "reset"]) expect(rules).toContain(`proof:fault_${f}`);
    // Its only checkpoint sets the cursor to "now": the resumed run asks for what the recording does not hold.
    expect(all.find((f) => f.rule === "proof:crash_resume")?.message).toMatch(/could not be judged on the recording base/);
  });
});
