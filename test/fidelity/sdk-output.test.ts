// The parser of `fivetran debug` output, on output recorded from the real SDK 3.0.0.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSdkOutput } from "./lib/sdk-output.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("parseSdkOutput", () => {
  it("reads the outcome and counts of a successful sync", () => {
    expect(parseSdkOutput(fixture("sdk-3.0.0-sync-succeeded.txt"))).toEqual({
      status: "succeeded",
      counts: { upserts: 16, updates: 0, deletes: 0, truncates: 4, schemaChanges: 2, checkpoints: 2 },
    });
  });

  it("reads the outcome and counts of a failed sync", () => {
    expect(parseSdkOutput(fixture("sdk-3.0.0-sync-failed.txt"))).toEqual({
      status: "failed",
      counts: { upserts: 16, updates: 1, deletes: 1, truncates: 0, schemaChanges: 1, checkpoints: 1 },
    });
  });

  it("reads the 2.x tester layout and ignores colour codes", () => {
    const text = [
      "\u001b[0mAug 07, 2025 07:47:25 AM: INFO Fivetran-Tester-Process: SYNC PROGRESS:",
      "Operation       | Calls     ",
      "----------------+------------",
      "Upserts         | 600       ",
      "Updates         | 0         ",
      "Deletes         | 0         ",
      "Truncates       | 0         ",
      "SchemaChanges   | 1         ",
      "Checkpoints     | 8         ",
      " ",
      "Aug 07, 2025 07:47:25 AM: INFO Fivetran-Tester-Process: Sync SUCCEEDED ",
    ].join("\n");
    expect(parseSdkOutput(text)).toEqual({
      status: "succeeded",
      counts: { upserts: 600, updates: 0, deletes: 0, truncates: 0, schemaChanges: 1, checkpoints: 8 },
    });
  });

  it("reports no counts and an unknown outcome when the sync never started", () => {
    expect(parseSdkOutput("usage: fivetran <command>\nfivetran: error: unrecognized arguments: --yes\n")).toEqual({
      status: "unknown",
      counts: null,
    });
  });
});

describe("parseSdkOutput with connector output mixed in", () => {
  it("reads the counts from the SDK's table, not from rows the error's message holds after it (628)", () => {
    const pad = " ".repeat(35);
    const text = fixture("sdk-3.0.0-sync-failed.txt").replace(/^(\s*)Error: /m, `$1Error: job summary\n${pad}Upserts    | 0\n${pad}Checkpoints | 12\n${pad}`);
    expect(text).toContain("Checkpoints | 12");
    expect(parseSdkOutput(text)).toEqual(parseSdkOutput(fixture("sdk-3.0.0-sync-failed.txt")));
  });

  it("takes the SDK's last verdict, not a phrase the connector printed earlier", () => {
    const text = `SYNC FAILED\n${fixture("sdk-3.0.0-sync-succeeded.txt")}`;
    expect(parseSdkOutput(text).status).toBe("succeeded");
  });
});
