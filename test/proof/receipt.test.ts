import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReceipt, makeReceipt } from "../../src/proof/index.js";
import { secretForms } from "../../src/proof/recording.js";
import { runSync } from "../../src/runner/index.js";
import { API_KEY, startProofApi, type ProofApi } from "./api.js";
import { connectorCopy } from "./helpers.js";

// Real parts: python3 harness, loopback API for the recording, real DuckDB files, the real lint engine.
let api: ProofApi;
let dir: string;
let configuration: Record<string, string>;
beforeAll(async () => {
  api = await startProofApi();
  configuration = { base_url: api.url, api_key: API_KEY };
  dir = connectorCopy("incremental", configuration);
  const rec = await runSync({ projectDir: dir, engine: "embedded", record: "base", reset: true });
  expect(rec.status).toBe("succeeded");
  await api.close();
});
afterAll(async () => {
  await api.close().catch(() => {});
});

describe("the run receipt", () => {
  it("is written as JSON and markdown, scrubbed, with hashes a replay reproduces", async () => {
    const { receipt, json, markdown } = await makeReceipt({ projectDir: dir, version: "test", replay: "base" });
    expect(receipt.status).toBe("succeeded");
    expect(receipt.source).toMatchObject({ mode: "replay", recording: "base" });
    expect(receipt.source.recording_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt.http?.requests).toBe(4);
    expect(receipt.rows_per_table).toEqual({ item: 12 });
    expect(receipt.checkpoints).toBe(3);
    expect(Object.keys(receipt.table_sha256)).toEqual(["item"]);
    expect(receipt.connector.configuration_keys).toEqual(["api_key", "base_url"]);
    expect(receipt.connector.files["connector.py"]).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt.connector.files["configuration.json"]).toBeUndefined();
    expect(receipt.lint).not.toBeNull();
    const text = readFileSync(json, "utf8") + readFileSync(markdown, "utf8");
    for (const { text: f } of secretForms(configuration)) expect(text.includes(f), `receipt holds ${f}`).toBe(false);
    expect(readFileSync(markdown, "utf8")).toMatch(/\| item \| 12 \| `[0-9a-f]{16}` \|/);

    const check = await checkReceipt({ projectDir: dir });
    expect(check.notes).toEqual([]);
    expect(check.verdict).toBe("verified");
    expect(check.tables).toEqual([{ table: "item", expected: receipt.table_sha256.item, actual: receipt.table_sha256.item, matches: true }]);
  });

  it("does not verify once the code changed", async () => {
    appendFileSync(join(dir, "connector.py"), "\n# changed after the receipt\n");
    const check = await checkReceipt({ projectDir: dir });
    expect(check.verdict).toBe("mismatch");
    expect(check.code_matches).toBe(false);
    expect(check.changed_files).toEqual(["connector.py"]);
  });
});
