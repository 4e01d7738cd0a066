import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run as debugCli } from "../../src/cli/debug.js";
import { run as receiptCli } from "../../src/cli/receipt.js";
import { dumpWarehouse } from "../../src/proof/dump.js";
import { secretForms } from "../../src/proof/recording.js";
import { runSync } from "../../src/runner/index.js";
import { API_KEY, startProofApi, type ProofApi } from "./api.js";
import { connectorCopy } from "./helpers.js";

// Real parts: the harness under python3 with requests/urllib3 and urllib, a loopback API, real DuckDB files.
let api: ProofApi;
let dir: string;
let configuration: Record<string, string>;

beforeAll(async () => {
  api = await startProofApi();
  configuration = { base_url: api.url, api_key: API_KEY, username: "proof-user" };
  dir = connectorCopy("incremental", configuration);
});
afterAll(async () => {
  await api.close();
});

function recordingText(name: string): string {
  const base = join(dir, "files", "recordings", name);
  return readdirSync(base)
    .map((f) => readFileSync(join(base, f), "utf8"))
    .join("\n");
}

describe("recorded sources", () => {
  it("records every exchange of a requests connector, with no configuration secret in any form", async () => {
    const r = await runSync({ projectDir: dir, engine: "embedded", record: "base", reset: true });
    expect(r.status, JSON.stringify(r.error)).toBe("succeeded");
    expect(r.rowsPerTable).toEqual({ item: 12 });
    expect(r.proof).toMatchObject({ mode: "record", requests: 4, recording: "base" });
    const text = recordingText("base");
    const lines = readFileSync(join(dir, "files", "recordings", "base", "exchanges.jsonl"), "utf8")
      .trim()
      .split("\n");
    expect(lines).toHaveLength(4);
    // The page bodies are there to replay...
    expect(text).toContain("item 12");
    // ...and none of the forms the redactor knows of any configuration value: raw, URL-encoded, base64, Basic pairs.
    const forms = secretForms(configuration).map((f) => f.text);
    expect(forms).toContain(Buffer.from(`proof-user:${API_KEY}`).toString("base64"));
    for (const f of forms) expect(text.includes(f), `recording holds ${f}`).toBe(false);
    expect(text).toContain('["Authorization","****"]');
    expect(text).toContain("token=****");
  });

  it("records no secret of a configuration.json connector.py wrote as it loaded (the harness reads it after)", async () => {
    const own = connectorCopy("incremental", { ...configuration, api_key: "placeholder-not-the-key" });
    const code = readFileSync(join(own, "connector.py"), "utf8");
    const rewrite = `import json as _json\n_c = _json.load(open("configuration.json"))\n_c["api_key"] = ${JSON.stringify(API_KEY)}\n_json.dump(_c, open("configuration.json", "w"))\n`;
    writeFileSync(join(own, "connector.py"), rewrite + code);
    const r = await runSync({ projectDir: own, engine: "embedded", record: "imported", reset: true });
    expect(r.status, JSON.stringify(r.error)).toBe("succeeded");
    const base = join(own, "files", "recordings", "imported");
    const text = readdirSync(base)
      .map((f) => readFileSync(join(base, f), "utf8"))
      .join("\n");
    expect(text).toContain("item 12");
    for (const f of secretForms({ ...configuration }).map((x) => x.text)) expect(text.includes(f), `recording holds ${f}`).toBe(false);
    expect(JSON.stringify(r)).not.toContain(API_KEY);
  });

  it("replays without the network, and two replays are the same warehouse and the same state", async () => {
    const before = api.requests;
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const r = await runSync({ projectDir: dir, engine: "embedded", replay: "base", reset: true });
      expect(r.status, JSON.stringify(r.error)).toBe("succeeded");
      expect(r.proof).toMatchObject({ mode: "replay", requests: 4 });
      runs.push({ dump: await dumpWarehouse(r.warehousePath), state: readFileSync(r.statePath) });
    }
    expect(api.requests).toBe(before);
    expect(runs[0].dump).toEqual(runs[1].dump);
    expect(runs[0].dump[0].rows).toHaveLength(12);
    expect(Buffer.compare(runs[0].state, runs[1].state)).toBe(0);
  });

  it("the CLI replays with --replay, says so, and leaves a receipt that checks", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await debugCli([dir, "--engine", "embedded", "--replay", "base", "--reset", "--receipt"], { out: (t) => out.push(t), err: (t) => err.push(t) });
    expect(code, err.join("\n")).toBe(0);
    expect(err.join("\n")).toMatch(/HTTP: 4 request\(s\) replayed from files\/recordings\/base\//);
    // The receipt of a replayed run from a clean start can be re-run and verified.
    const check: string[] = [];
    expect(await receiptCli(["check", dir], { out: (t) => check.push(t), err: (t) => check.push(t) }), check.join("\n")).toBe(0);
    expect(check.join("\n")).toMatch(/Receipt verified/);
    expect(await debugCli([dir, "--engine", "sdk", "--replay", "base"], { out: () => {}, err: (t) => err.push(t) })).toBe(2);
    expect(err.join("\n")).toMatch(/need the embedded engine/);
  });

  it("fails an unrecorded request clearly: method, URL and the closest recorded request", async () => {
    writeFileSync(join(dir, "files", "state.json"), JSON.stringify({ cursor: "2024-01-01T00:05:00.000Z" }));
    const r = await runSync({ projectDir: dir, engine: "embedded", replay: "base" });
    expect(r.status).toBe("failed");
    // The base URL is no secret (the redactor's rule), so the message shows it as the connector sent it.
    const base = api.url.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    expect(r.error?.message).toMatch(
      new RegExp(`replay: GET ${base}/items\\?since=2024-01-01T00%3A05%3A00\\.000Z&cursor=0 was not recorded; the closest recorded request is GET ${base}/items\\?since=&cursor=0`),
    );
    expect(r.proof?.unrecorded).toHaveLength(1);
  });

  it("records and replays a urllib connector too, and the replay's clock is the recording's", async () => {
    const code = `import json, time, urllib.request, datetime
from fivetran_connector_sdk import Connector, Operations as op
def update(configuration, state):
    req = urllib.request.Request(configuration["base_url"] + "/items?since=&cursor=0", headers={"Authorization": "Bearer " + configuration["api_key"]})
    page = json.loads(urllib.request.urlopen(req, timeout=10).read())
    for item in page["items"]:
        op.upsert("item", item)
    op.checkpoint({"seen_at": datetime.datetime.now(datetime.timezone.utc).isoformat(), "t": time.time()})
connector = Connector(update=update)
`;
    writeFileSync(join(dir, "connector.py"), code);
    const rec = await runSync({ projectDir: dir, engine: "embedded", record: "urllib", reset: true });
    expect(rec.status, JSON.stringify(rec.error)).toBe("succeeded");
    const states: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await runSync({ projectDir: dir, engine: "embedded", replay: "urllib", reset: true });
      expect(r.status, JSON.stringify(r.error)).toBe("succeeded");
      expect(r.rowsPerTable).toEqual({ item: 4 });
      states.push(readFileSync(r.statePath, "utf8"));
    }
    expect(states[0]).toBe(states[1]);
    const meta = JSON.parse(readFileSync(join(dir, "files", "recordings", "urllib", "recording.json"), "utf8")) as { clock_start: number };
    const seen = (JSON.parse(states[0]) as { seen_at: string }).seen_at;
    expect(Math.abs(Date.parse(seen) / 1000 - meta.clock_start)).toBeLessThan(5);
  });

  it("runs an SDK 3.1 connector that marks its source reads with @action, and records and replays it", async () => {
    const code = `import requests
from fivetran_connector_sdk import Connector, Operations as op, action

@action
def fetch(configuration, cursor):
    headers = {"Authorization": "Bearer " + configuration["api_key"]}
    return requests.get(configuration["base_url"] + "/items", params={"since": "", "cursor": cursor}, headers=headers, timeout=10).json()

@action()
def first_cursor():
    return "0"

@action("named")
def keep(item):
    return dict(item)

def update(configuration, state):
    cursor = first_cursor()
    while cursor is not None:
        page = fetch(configuration, cursor)
        for item in page["items"]:
            op.upsert("item", keep(item))
        cursor = page["next_cursor"]
    op.checkpoint({"done": True})
connector = Connector(update=update)
`;
    writeFileSync(join(dir, "connector.py"), code);
    const rec = await runSync({ projectDir: dir, engine: "embedded", record: "action", reset: true });
    expect(rec.status, JSON.stringify(rec.error)).toBe("succeeded");
    expect(rec.rowsPerTable).toEqual({ item: 12 });
    const rep = await runSync({ projectDir: dir, engine: "embedded", replay: "action", reset: true });
    expect(rep.status, JSON.stringify(rep.error)).toBe("succeeded");
    expect(rep.proof?.requests).toBe(3);
  });
});
