import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpWarehouse } from "../../src/proof/dump.js";
import { secretForms } from "../../src/proof/recording.js";
import { runSync } from "../../src/runner/index.js";
import { comboLabel, comboOptions, scaffoldProject, type Combination } from "../../src/scaffold/index.js";
import { CREDENTIALS, startMockApi, type MockApi } from "../mock-api/server.js";
import { connectorCopy } from "./helpers.js";

// Playground-style connectors as scaffold writes them, against the loopback mock API (auth styles, pagination,
// OAuth token refresh every 7 requests), recorded once, then replayed twice without it. Real python3, real DuckDB.
let mock: MockApi;
beforeAll(async () => {
  mock = await startMockApi();
});
afterAll(async () => {
  await mock.close();
});

const COMBOS: Combination[] = [
  { source: "rest_api", auth: "oauth2_refresh_token", pagination: "cursor", sync: "incremental_cursor" },
  { source: "rest_api", auth: "basic", pagination: "offset", sync: "full" },
  { source: "rest_api", auth: "api_key_query", pagination: "next_url", sync: "incremental_cursor" },
];

function configuration(c: Combination): Record<string, string> {
  const cfg: Record<string, string> = { base_url: mock.baseUrl(c.auth, c.pagination, 0) };
  if (c.auth === "api_key_query") cfg.api_key = CREDENTIALS.api_key;
  if (c.auth === "basic") Object.assign(cfg, { username: CREDENTIALS.username, password: CREDENTIALS.password });
  if (c.auth === "oauth2_refresh_token")
    Object.assign(cfg, { token_url: mock.tokenUrl(c.auth), client_id: CREDENTIALS.client_id, client_secret: CREDENTIALS.client_secret, refresh_token: CREDENTIALS.refresh_token });
  return cfg;
}

describe("a recorded playground-style API replays byte-identically", () => {
  it.each(COMBOS.map((c) => [comboLabel(c), c] as const))("%s", async (_label, c) => {
    const cfg = configuration(c);
    const dir = connectorCopy("incremental", cfg);
    // The fixture's code is replaced by what scaffold generates for this combination.
    scaffoldProject(dir, comboOptions(c), true);
    const rec = await runSync({ projectDir: dir, configuration: cfg, engine: "embedded", record: "api", reset: true, timeoutSeconds: 60 });
    expect(rec.status, JSON.stringify(rec.error)).toBe("succeeded");
    expect(rec.proof!.requests).toBeGreaterThan(1);
    const recorded = await dumpWarehouse(rec.warehousePath);
    const text = readdirSync(join(dir, "files", "recordings", "api"))
      .map((f) => readFileSync(join(dir, "files", "recordings", "api", f), "utf8"))
      .join("\n");
    for (const { text: f } of secretForms(cfg)) expect(text.includes(f), `the recording holds ${f}`).toBe(false);
    // The mock API's secrets, by name: a client id and a user name identify, they are no secrets (the redactor's rule).
    const { client_id: _id, username: _user, ...secrets } = CREDENTIALS;
    for (const secret of Object.values(secrets)) expect(text.includes(secret), `the recording holds ${secret}`).toBe(false);

    const replays = [];
    for (let i = 0; i < 2; i++) {
      const r = await runSync({ projectDir: dir, configuration: cfg, engine: "embedded", replay: "api", reset: true, timeoutSeconds: 60 });
      expect(r.status, JSON.stringify(r.error)).toBe("succeeded");
      expect(r.proof!.requests).toBe(rec.proof!.requests);
      replays.push({ dump: await dumpWarehouse(r.warehousePath), state: readFileSync(r.statePath) });
    }
    expect(replays[0].dump).toEqual(replays[1].dump);
    expect(Buffer.compare(replays[0].state, replays[1].state)).toBe(0);
    // The rows are the ones the live run wrote.
    expect(replays[0].dump.map((t) => t.rows)).toEqual(recorded.map((t) => t.rows));
  });
});
