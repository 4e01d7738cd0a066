import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { HEARTBEAT_MS, isRunId, loadRecord, MAX_AGE_MS, MAX_RECORDS, newRecord, pruneRecords, RUNS_DIR_ENV, runsDir, saveRecord, type RunRecord } from "../../src/runner/history.js";
import { zeroCounts } from "../../src/runner/report.js";

// The run history on disk (src/runner/history.ts), pointed at a fresh temp dir through its environment variable.
let dir: string;
beforeEach(() => {
  dir = join(realpathSync(mkdtempSync(join(tmpdir(), "history-"))), "runs");
  process.env[RUNS_DIR_ENV] = dir;
});

function uuid(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
}

function finished(i: number, endedAt: number): RunRecord {
  return { ...newRecord(uuid(i), "/nowhere", "embedded", endedAt - 1000, zeroCounts()), status: "failed", endedAt: new Date(endedAt).toISOString() };
}

/** A pid that was a real process and has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid;
}

describe("run history", () => {
  it("creates its folder 0700 and each record 0600", () => {
    expect(saveRecord(finished(1, Date.now()))).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, `${uuid(1)}.json`)).mode & 0o777).toBe(0o600);
    expect(loadRecord(uuid(1))?.status).toBe("failed");
  });

  it("keeps the last MAX_RECORDS finished runs and none older than MAX_AGE_MS", () => {
    const now = Date.now();
    for (let i = 0; i < MAX_RECORDS + 5; i++) saveRecord(finished(i, now - i * 1000));
    saveRecord(finished(999, now - MAX_AGE_MS - 1));
    pruneRecords(now);
    const left = readdirSync(dir).sort();
    expect(left.length).toBe(MAX_RECORDS);
    expect(left).toContain(`${uuid(0)}.json`);
    expect(left).not.toContain(`${uuid(MAX_RECORDS)}.json`);
    expect(left).not.toContain(`${uuid(999)}.json`);
  });

  it("settles a running record whose server is gone as interrupted; one of a live server stays running", () => {
    const now = Date.now();
    const orphan: RunRecord = { ...newRecord(uuid(7), "/nowhere", "auto", now, zeroCounts()), server: { pid: deadPid() } };
    const live = newRecord(uuid(8), "/nowhere", "auto", now, zeroCounts());
    saveRecord(orphan);
    saveRecord(live);
    const got = loadRecord(uuid(7));
    expect(got?.status).toBe("interrupted");
    expect(got?.interruption?.message).toContain("server stopped");
    expect(JSON.parse(readFileSync(join(dir, `${uuid(7)}.json`), "utf8")).status).toBe("interrupted");
    pruneRecords(now);
    expect(loadRecord(uuid(8))?.status).toBe("running");
  });

  it("a pid reused by another process is not the recorded server", () => {
    // This very process, recorded with a start time it does not have: a pid that came back for someone else.
    const rec: RunRecord = { ...newRecord(uuid(9), "/nowhere", "auto", Date.now(), zeroCounts()), server: { pid: process.pid, start: "1" } };
    saveRecord(rec);
    expect(loadRecord(uuid(9))?.status).toBe(process.platform === "linux" ? "interrupted" : "running");
  });

  it("where a server is known by its pid alone, a record it stopped refreshing is interrupted", () => {
    const base = { ...newRecord(uuid(10), "/nowhere", "auto", Date.now(), zeroCounts()), server: { pid: process.pid } };
    expect(runsDir()).toBe(dir);
    // Written by hand: saveRecord stamps updatedAt with the current time, which is what a live server's heartbeat does.
    writeFileSync(join(dir, `${uuid(10)}.json`), JSON.stringify({ ...base, updatedAt: new Date(Date.now() - 5 * HEARTBEAT_MS).toISOString() }));
    expect(loadRecord(uuid(10))?.status).toBe("interrupted");
    saveRecord({ ...base, runId: uuid(11) });
    expect(loadRecord(uuid(11))?.status).toBe("running");
  });

  it("accepts only the UUIDs it hands out as run ids", () => {
    expect(isRunId(uuid(1))).toBe(true);
    for (const bad of ["../x", "a/b", "", `${uuid(1)}/..`, `${uuid(1)}.json`]) {
      expect(isRunId(bad)).toBe(false);
      expect(loadRecord(bad)).toBeUndefined();
    }
  });

  it("refuses a folder open to other users or a symlink, and then keeps no history", () => {
    const open = join(realpathSync(mkdtempSync(join(tmpdir(), "history-open-"))), "runs");
    mkdirSync(open);
    chmodSync(open, 0o777);
    process.env[RUNS_DIR_ENV] = open;
    expect(runsDir()).toBeNull();
    expect(saveRecord(finished(1, Date.now()))).toBe(false);
    const target = realpathSync(mkdtempSync(join(tmpdir(), "history-target-")));
    const link = join(realpathSync(mkdtempSync(join(tmpdir(), "history-link-"))), "runs");
    symlinkSync(target, link);
    process.env[RUNS_DIR_ENV] = link;
    expect(runsDir()).toBeNull();
  });
});
