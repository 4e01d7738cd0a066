import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
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

  it("on a recording: every checkpoint of a connector that resumes by page, replayed; a cursor resume is not judged", async () => {
    const dir = connectorCopy("paged_state", config());
    const rec = await runSync({ projectDir: dir, engine: "embedded", record: "base", reset: true });
    expect(rec.status, JSON.stringify(rec.error)).toBe("succeeded");
    const before = api.requests;
    const r = await crashAndResume({ projectDir: dir, replay: "base" });
    expect(api.requests).toBe(before);
    expect(r.mode).toBe("replay");
    expect(r.problems).toEqual([]);
    expect(r.points.map((p) => [p.crash.after_checkpoint, p.judged, p.passed])).toEqual([
      [1, true, true],
      [2, true, true],
      // After the last checkpoint the state is the newest time, which the recording never saw: not judged.
      [3, false, false],
    ]);
    expect(r.verdict).toBe("passed");
    // So is the second run: said, not held against the connector.
    expect(r.second_run?.judged).toBe(false);
    expect(r.notes.join("\n")).toMatch(/Crash after checkpoint 3: the resumed run asks the recording for/);
    expect(r.notes.join("\n")).toMatch(/second run asks the recording/);
  });
});
