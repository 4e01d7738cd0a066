import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { FAULT_KINDS, injectFaults, type FaultReport } from "../../src/proof/faults.js";
import { API_KEY, startProofApi, type ProofApi } from "./api.js";
import { connectorCopy } from "./helpers.js";

// Real parts: the harness under python3 with requests, a loopback API (live: a resumed run asks for cursors a
// recording would not have), real DuckDB files. One connector handles every fault, the other none.
let api: ProofApi;
let robust: FaultReport;
let naive: FaultReport;
beforeAll(async () => {
  api = await startProofApi();
  const config = { base_url: api.url, api_key: API_KEY };
  [robust, naive] = await Promise.all([injectFaults({ projectDir: connectorCopy("robust", config) }), injectFaults({ projectDir: connectorCopy("naive", config) })]);
}, 300_000);
afterAll(async () => {
  await api.close();
});

describe("injected faults", () => {
  it("runs every fault against both connectors", () => {
    expect(robust.baseline.status).toBe("succeeded");
    expect(naive.baseline.status).toBe("succeeded");
    expect(robust.results.map((r) => r.fault)).toEqual([...FAULT_KINDS]);
    expect(naive.results.map((r) => r.fault)).toEqual([...FAULT_KINDS]);
    expect(robust.results.every((r) => r.reached)).toBe(true);
  });

  it.each([...FAULT_KINDS])("%s: handled by the robust connector, not by the naive one", (fault) => {
    const good = robust.results.find((r) => r.fault === fault)!;
    const bad = naive.results.find((r) => r.fault === fault)!;
    expect(good.handled, good.explanation).toBe(true);
    expect(good.state_safe, good.explanation).toBe(true);
    expect(bad.handled, bad.explanation).toBe(false);
  });

  it("says what the connectors did", () => {
    const r429 = robust.results.find((r) => r.fault === "429")!;
    expect(r429.outcome).toBe("retried");
    expect(r429.retries).toBe(1);
    // The robust connector waits what Retry-After says.
    expect(r429.backoff_seconds).toEqual([1]);
    const timeout = robust.results.find((r) => r.fault === "timeout")!;
    expect(timeout.backoff_seconds).toEqual([0.5]);
    const n429 = naive.results.find((r) => r.fault === "429")!;
    expect(n429.outcome).toBe("failed_cleanly");
    expect(n429.retries).toBe(0);
    expect(n429.state_safe).toBe(true);
    expect(naive.results.find((r) => r.fault === "empty_page")!.outcome).toBe("lost_rows");
    expect(naive.results.find((r) => r.fault === "repeated_page")!.outcome).toBe("lost_rows");
    expect(naive.results.find((r) => r.fault === "cursor_stuck")!.outcome).toBe("looped");
    expect(robust.results.find((r) => r.fault === "cursor_stuck")!.outcome).toBe("failed_cleanly");
    expect(robust.results.find((r) => r.fault === "removed_field")!.outcome).toBe("changed_values");
  });

  it("injects on a replay too: the robust connector's retries are answered by the recording", async () => {
    const dir = connectorCopy("robust", { base_url: api.url, api_key: API_KEY });
    expect((await runSync({ projectDir: dir, engine: "embedded", record: "base", reset: true })).status).toBe("succeeded");
    const before = api.requests;
    const r = await injectFaults({ projectDir: dir, replay: "base", faults: ["429", "reset"] });
    expect(api.requests).toBe(before);
    expect(r.mode).toBe("replay");
    expect(r.results.map((x) => [x.fault, x.outcome, x.handled])).toEqual([
      ["429", "retried", true],
      ["reset", "retried", true],
    ]);
  });
});
