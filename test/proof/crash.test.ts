import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crashAndResume } from "../../src/proof/crash.js";
import { API_KEY, startProofApi, type ProofApi } from "./api.js";
import { connectorCopy } from "./helpers.js";

// Real parts: the harness under python3, a loopback API (live: a resumed run asks for cursors no recording has),
// real DuckDB files. Each connector has three checkpoints, and every one of them is tried.
let api: ProofApi;
beforeAll(async () => {
  api = await startProofApi();
});
afterAll(async () => {
  await api.close();
});
const config = () => ({ base_url: api.url, api_key: API_KEY });

describe("crash and resume", () => {
  it("passes a correct connector at every checkpoint, and a second run writes nothing new", async () => {
    const dir = connectorCopy("incremental", config());
    const r = await crashAndResume({ projectDir: dir });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe("passed");
    expect(r.baseline.checkpoints).toBe(3);
    expect(r.points.map((p) => p.crash.after_checkpoint)).toEqual([1, 2, 3]);
    expect(r.points.every((p) => p.crashed && p.passed)).toBe(true);
    expect(r.second_run?.writes_nothing_new).toBe(true);
    expect(r.second_run?.operations).toBe(0);
  });

  it("finds the checkpoint taken before the rows it covers", async () => {
    const dir = connectorCopy("checkpoint_first", config());
    const r = await crashAndResume({ projectDir: dir });
    expect(r.verdict).toBe("failed");
    // Killed right after each checkpoint, the page it claims is lost.
    expect(r.points.map((p) => p.lost_rows)).toEqual([4, 4, 4]);
    expect(r.problems.join("\n")).toMatch(/Crash after checkpoint 1, then resume: 4 row\(s\) of the uninterrupted run are missing/);
  });

  it("finds a cursor taken from the newest row of an unordered page", async () => {
    const dir = connectorCopy("unordered_cursor", config());
    const r = await crashAndResume({ projectDir: dir, randomOperations: 2, seed: 7 });
    expect(r.verdict).toBe("failed");
    const first = r.points.find((p) => p.crash.after_checkpoint === 1)!;
    expect(first.lost_rows).toBeGreaterThan(0);
    expect(r.points.filter((p) => p.crash.at_operation !== undefined)).toHaveLength(2);
    // Without a crash the bug hides: the uninterrupted run has every row.
    expect(r.baseline.rows).toEqual({ item: 12 });
  });
});
