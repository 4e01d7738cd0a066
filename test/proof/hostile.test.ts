import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkReceipt } from "../../src/proof/index.js";
import { runSync } from "../../src/runner/index.js";

// A connector folder is untrusted: a recording or a receipt that is a link out of it is refused, never read.
function folder(): { dir: string; outside: string } {
  const base = realpathSync(mkdtempSync(join(tmpdir(), "proof-hostile-")));
  const dir = join(base, "c");
  const outside = join(base, "outside");
  mkdirSync(join(dir, "files", "recordings"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(dir, "connector.py"), "from fivetran_connector_sdk import Connector\nconnector = Connector(update=lambda configuration, state: None)\n");
  writeFileSync(join(outside, "recording.json"), JSON.stringify({ format: 1, name: "x", recorded_at: "2024-01-01T00:00:00Z", clock_start: 1, requests: 0, hosts: {}, exchanges_sha256: "" }));
  writeFileSync(join(outside, "exchanges.jsonl"), "");
  writeFileSync(join(outside, "receipt.json"), JSON.stringify({ format: 1, table_sha256: {} }));
  return { dir, outside };
}

describe("hostile recordings and receipts", () => {
  it("refuses a recording that is a link leaving the folder", async () => {
    const { dir, outside } = folder();
    symlinkSync(outside, join(dir, "files", "recordings", "x"));
    await expect(runSync({ projectDir: dir, engine: "embedded", replay: "x" })).rejects.toMatchObject({ code: "outside_project" });
  });

  it("refuses a receipt that is a link leaving the folder", async () => {
    const { dir, outside } = folder();
    symlinkSync(join(outside, "receipt.json"), join(dir, "files", "receipt.json"));
    await expect(checkReceipt({ projectDir: dir })).rejects.toMatchObject({ code: "outside_project" });
  });

  it("refuses a recording name that is a path", async () => {
    const { dir } = folder();
    await expect(runSync({ projectDir: dir, engine: "embedded", replay: "../../outside" })).rejects.toMatchObject({ code: "invalid_argument" });
    await expect(runSync({ projectDir: dir, engine: "embedded", record: "a/b" })).rejects.toMatchObject({ code: "invalid_argument" });
  });
});
