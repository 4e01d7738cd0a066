import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateConnector } from "../../src/evaluate/index.js";
import { evaluateConnectorTool } from "../../tools/evaluate_connector.js";
import { diffState } from "../../tools/diff_state.js";
import { runSync } from "../../src/runner/index.js";
import { makeCtx, makeProject } from "./helpers.js";

// Real connectors, run by the real run engine (python3 + the embedded harness) into real DuckDB files.
const ROWS = `ROWS = [{"id": i, "name": f"n{i}", "updated_at": f"2024-01-{i:02d}"} for i in range(1, 13)]`;

const incremental = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    cursor = state.get("cursor", "")
    newest = cursor
    for row in ROWS:
        if row["updated_at"] > cursor:
            op.upsert("items", row)
            newest = max(newest, row["updated_at"])
    op.checkpoint({"cursor": newest})

connector = Connector(update=update, schema=schema)
`;

const stuckCursor = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    op.checkpoint({"cursor": "2024-01-01"})
    for row in ROWS:
        op.upsert("items", row)

connector = Connector(update=update, schema=schema)
`;

describe("evaluate_connector end to end", () => {
  it("passes the resume check of a proper incremental connector and writes EVALUATION.md", async () => {
    const dir = makeProject({ "connector.py": incremental });
    const { ctx } = makeCtx(dir);
    const r = await evaluateConnectorTool.handle({ project_dir: dir, timeout_seconds: 60, write_markdown: true, wait_seconds: 55 }, ctx);
    expect(r.data.status).toBe("done");
    expect(r.data.runs!.map((x) => [x.status, x.upserts])).toEqual([
      ["succeeded", 12],
      ["succeeded", 0],
    ]);
    const resumeChecks = [...r.data.blocking!, ...r.data.warnings!].filter((f) => f.rule.startsWith("resume:") || f.rule.startsWith("data:pk"));
    expect(resumeChecks).toEqual([]);
    expect(r.data.info!.some((f) => f.rule === "resume:state_advances")).toBe(true);
    expect(r.data.tables).toEqual([{ table: "items", rows: 12, deleted: 0, primary_key: ["id"], always_null: [] }]);
    expect(existsSync(join(dir, "EVALUATION.md"))).toBe(true);
    expect(readFileSync(join(dir, "EVALUATION.md"), "utf8")).toContain("## Blocking");
  }, 120_000);

  it("blocks a connector whose cursor never moves and that writes after its last checkpoint", async () => {
    const dir = makeProject({ "connector.py": stuckCursor });
    const r = await evaluateConnector({ projectDir: dir, timeoutSeconds: 60, writeMarkdown: false });
    const checks = r.blocking.map((f) => f.rule);
    expect(checks).toContain("resume:no_writes_after_last_checkpoint");
    expect(checks).toContain("resume:state_advances");
    expect(r.verdict).toBe("not_ready");
    expect((r.blocking[0].hint ?? "").length).toBeGreaterThan(10);
  }, 120_000);

  it("reports a failing connector as blocking with its error and stops after the first run", async () => {
    const failing = makeProject({ "connector.py": incremental.replace("    newest = cursor\n", '    newest = cursor\n    raise RuntimeError("source is down")\n') });
    const r = await evaluateConnector({ projectDir: failing, timeoutSeconds: 60, writeMarkdown: false });
    expect(r.blocking[0].rule).toBe("run:succeeds");
    expect(r.blocking[0].message).toContain("source is down");
    expect(r.runs).toHaveLength(1);
  }, 120_000);
});

const nullCursor = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    # The cursor is read but never set: it stays None, and the second sync skips only the first row.
    cursor = state.get("cursor")
    first = state.get("seen", 0)
    for row in ROWS[first:]:
        op.upsert("items", row)
    op.checkpoint({"cursor": cursor, "seen": 1})

connector = Connector(update=update, schema=schema)
`;

const twoTables = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}, {"table": "users", "primary_key": ["id"]}]

def update(configuration, state):
    users_cursor = state.get("users_cursor", "")
    for row in ROWS:
        op.upsert("items", row)
    newest = users_cursor
    for row in ROWS:
        if row["updated_at"] > users_cursor:
            op.upsert("users", row)
            newest = max(newest, row["updated_at"])
    op.checkpoint({"items_cursor": "2024-01-01", "users_cursor": newest})

connector = Connector(update=update, schema=schema)
`;

const fullResync = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    # The API has no change cursor: every sync reads the whole (small) list again.
    for row in ROWS:
        op.upsert("items", row)
    op.checkpoint({})

connector = Connector(update=update, schema=schema)
`;

const sourceChangesAll = `import time
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "users", "primary_key": ["id"]}, {"table": "companies", "primary_key": ["company_id"]}]

def update(configuration, state):
    users_cursor = state.get("users_cursor", "")
    newest = users_cursor
    for row in ROWS:
        if row["updated_at"] > users_cursor:
            op.upsert("users", row)
            newest = max(newest, row["updated_at"])
    # The source stamps both companies with the current time on every request (as fivetran-api-playground does):
    # the cursor moves and every company is new again.
    since = state.get("companies_cursor", "")
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + ".%06d" % (time.time_ns() // 1000 % 1000000)
    for company_id in (1, 2):
        if stamp > since:
            op.upsert("companies", {"company_id": company_id, "updated_at": stamp})
    op.checkpoint({"users_cursor": newest, "companies_cursor": stamp})

connector = Connector(update=update, schema=schema)
`;

describe("evaluate_connector: cursors that do not move, per table", () => {
  it("blocks when the state stays null and the second sync re-writes 11 of 12 rows", async () => {
    const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": nullCursor }), timeoutSeconds: 60, writeMarkdown: false });
    const stuck = r.blocking.filter((f) => f.rule === "resume:state_advances");
    expect(stuck.map((f) => f.table)).toEqual(["items"]);
    expect(stuck[0].message).toContain("re-wrote 11 row(s) (the first wrote 12)");
    expect(stuck[0].message).toContain("cursor = null");
    expect(r.verdict).toBe("not_ready");
  }, 120_000);

  it("names the table and the state key when one table's cursor stays while another's moves", async () => {
    const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": twoTables }), timeoutSeconds: 60, writeMarkdown: false });
    const stuck = r.blocking.filter((f) => f.rule === "resume:state_advances");
    expect(stuck.map((f) => f.table)).toEqual(["items"]);
    expect(stuck[0].message).toContain("state key 'items_cursor' did not move");
    expect(r.verdict).toBe("not_ready");
  }, 120_000);

  it("does not block a table whose own cursor moved although the source changed all its rows, nor blame another table's key", async () => {
    const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": sourceChangesAll }), timeoutSeconds: 60, writeMarkdown: false });
    expect(r.blocking.filter((f) => f.rule.startsWith("resume:"))).toEqual([]);
    const all = [...r.warnings, ...r.info].map((f) => f.message).join("\n");
    expect(all).not.toContain("users_cursor");
    expect(all).toContain("companies_cursor");
    expect(r.verdict).toBe("ready");
  }, 120_000);

  it("warns, and does not block, a connector that keeps no state keys at all (a full re-sync by design)", async () => {
    const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": fullResync }), timeoutSeconds: 60, writeMarkdown: false });
    expect(r.blocking.filter((f) => f.rule.startsWith("resume:"))).toEqual([]);
    expect(r.warnings.map((f) => f.rule)).toContain("resume:full_resync_by_design");
    expect(r.verdict).not.toBe("not_ready");
  }, 120_000);
});

const sameCursorForever = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

ROWS = [{"id": i, "updated_at": f"2024-01-{i:02d}"} for i in range(1, 6)]

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def fetch(since):
    # An inclusive filter: the newest row comes back on every call, so the page is never empty.
    return [r for r in ROWS if since is None or r["updated_at"] >= since]

def update(configuration, state):
    since = state.get("since")
    while True:
        page = fetch(since)
        if not page:
            break
        for row in page:
            op.upsert("items", row)
        since = page[-1]["updated_at"]
        op.checkpoint({"since": since})

connector = Connector(update=update, schema=schema)
`;

describe("evaluate_connector: a sync that never finishes", () => {
  it("is reported as non-progress (the same cursor again), not as a capped run with other blockers", async () => {
    // Capped by the time limit, with a short pause per row: at this commit a run stopped (max_rows or
    // timeout) while a tight loop has filled the operation channel never settles; reported separately.
    const paced = sameCursorForever.replace('op.upsert("items", row)', 'op.upsert("items", row)\n            __import__("time").sleep(0.002)');
    const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": paced }), timeoutSeconds: 6, writeMarkdown: false });
    expect(r.blocking.map((f) => f.rule)).toEqual(["run:progress"]);
    expect(r.blocking[0].message).toMatch(/ran until the time limit after \d+ upsert\(s\) that produced only 5 distinct row\(s\) \(items: 5\)/);
    expect(r.runs).toHaveLength(1);
    expect(r.verdict).toBe("not_ready");
    expect(JSON.stringify(r)).not.toContain("about ?");
  }, 120_000);

  it("stops near its timeout: the budget covers lint and both runs", async () => {
    const started = Date.now();
    const r = await evaluateConnector({
      projectDir: makeProject({ "connector.py": sameCursorForever.replace('op.upsert("items", row)', 'op.upsert("items", row)\n            __import__("time").sleep(0.05)') }),
      timeoutSeconds: 8,
      writeMarkdown: false,
    });
    const elapsed = (Date.now() - started) / 1000;
    expect(r.runs[0].status).toBe("timeout");
    // A loaded machine can add start-up time, but never a second full timeout.
    expect(elapsed).toBeLessThan(8 + 6);
  }, 120_000);
});

// The first sync reads one page and stops (a next-page field read under the wrong name, as a scaffold whose
// NEXT_URL_KEY was not adapted does); the saved cursor makes the second sync read the next page.
const onePagePerSync = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

ROWS = [{"id": i, "updated_at": f"2024-01-01T00:{i:02d}:00Z"} for i in range(1, 51)]

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    cursor = state.get("items_cursor", "")
    page = [r for r in ROWS if r["updated_at"] > cursor][:10]
    for row in page:
        op.upsert("items", row)
        cursor = row["updated_at"]
    op.checkpoint({"items_cursor": cursor})

connector = Connector(update=update, schema=schema)
`;

describe("evaluate_connector: a first sync that stops before the end of the data", () => {
  it("blocks, and says the second sync wrote new rows rather than re-writing old ones", async () => {
    const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": onePagePerSync }), timeoutSeconds: 60, writeMarkdown: false });
    expect(r.runs.map((x) => x.counts.upserts)).toEqual([10, 10]);
    const incomplete = r.blocking.filter((f) => f.rule === "resume:first_sync_complete");
    expect(incomplete.map((f) => f.table)).toEqual(["items"]);
    expect(incomplete[0].message).toContain("10 row(s) that the first sync had not written (10 → 20 rows)");
    expect(incomplete[0].hint).toContain("pagination");
    // Nothing was re-written: no finding may say so.
    expect([...r.warnings, ...r.info].map((f) => f.message).join("\n")).not.toContain("re-wrote");
    expect(r.verdict).toBe("not_ready");
  }, 120_000);

  it("does not block a resumed run after a first run capped by max_rows", async () => {
    const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": onePagePerSync.replace("[:10]", "[:40]") }), maxRows: 10, timeoutSeconds: 60, writeMarkdown: false });
    expect(r.blocking.filter((f) => f.rule === "resume:first_sync_complete")).toEqual([]);
  }, 120_000);
});

// schema() declares a field that is not unique (company, as a new user did for fivetran-api-playground's users):
// two upserts of the same sync land on one row and a user silently disappears.
const notUniqueKey = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

ROWS = [{"id": i, "company": f"c{i % 10}", "updated_at": f"2024-01-{i:02d}"} for i in range(1, 13)]

def schema(configuration):
    return [{"table": "users", "primary_key": ["company"]}]

def update(configuration, state):
    cursor = state.get("cursor", "")
    newest = cursor
    for row in ROWS:
        if row["updated_at"] > cursor:
            op.upsert("users", row)
            newest = max(newest, row["updated_at"])
    op.checkpoint({"cursor": newest})

connector = Connector(update=update, schema=schema)
`;

describe("evaluate_connector: a primary key that is not unique", () => {
  it("warns that upserts of one clean sync replaced each other, with the counts and the key", async () => {
    const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": notUniqueKey }), timeoutSeconds: 60, writeMarkdown: false });
    const repeated = r.warnings.filter((f) => f.rule === "data:pk_repeated_in_sync");
    expect(repeated.map((f) => f.table)).toEqual(["users"]);
    expect(repeated[0].message).toContain("12 upsert(s) but the table has 10 row(s)");
    expect(repeated[0].message).toContain("(company)");
  }, 120_000);

  it("says nothing for a connector whose keys are unique", async () => {
    const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": notUniqueKey.replace('["company"]', '["id"]') }), timeoutSeconds: 60, writeMarkdown: false });
    expect([...r.blocking, ...r.warnings, ...r.info].filter((f) => f.rule === "data:pk_repeated_in_sync")).toEqual([]);
  }, 120_000);
});

describe("evaluate_connector and the folder's own run history", () => {
  it("leaves diff_state's 'state the last run started from' as the folder's last run_debug left it", async () => {
    // Seen in a new user's session: after evaluate_connector, diff_state compared the evaluation's scratch second
    // run's start (another cursor) with the folder's state.json, which the evaluation had put back.
    const dir = makeProject({ "connector.py": onePagePerSync });
    const { ctx } = makeCtx(dir);
    await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 60, reset: true });
    await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 60 });
    await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 60 });
    const before = await diffState.handle({ project_dir: dir, from: "run_start", to: "current" }, ctx);
    expect(before.data.changed).toEqual([{ path: "items_cursor", before: "2024-01-01T00:20:00Z", after: "2024-01-01T00:30:00Z" }]);
    await evaluateConnector({ projectDir: dir, timeoutSeconds: 60, writeMarkdown: false });
    const after = await diffState.handle({ project_dir: dir, from: "run_start", to: "current" }, ctx);
    expect(after.data).toEqual(before.data);
  }, 120_000);
});

// A new user's connector: it reads state.get("updated_since") but checkpoints {"cursor": ...}, so the cursor is
// saved, moves to the newest row, and is never used.
const readsAnotherKey = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    since = state.get("updated_since") or ""
    newest = since
    for row in ROWS:
        if row["updated_at"] > since:
            op.upsert("items", row)
            newest = max(newest, row["updated_at"])
    state["cursor"] = newest
    op.checkpoint(state)

connector = Connector(update=update, schema=schema)
`;

describe("evaluate_connector: a cursor saved under one key and read under another", () => {
  it("does not say the cursor never advances, and asks whether update() reads the key it checkpoints", async () => {
    const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": readsAnotherKey }), timeoutSeconds: 60, writeMarkdown: false });
    const stuck = r.blocking.filter((f) => f.rule === "resume:state_advances");
    expect(stuck.map((f) => f.table)).toEqual(["items"]);
    expect(stuck[0].message).not.toContain("never advances");
    expect(stuck[0].message).toContain('started from cursor = "2024-01-12" and still re-wrote 12 row(s)');
    expect(stuck[0].hint).toContain("state.get('cursor')");
  }, 120_000);
});

describe("evaluate_connector: a connector that logs its API token", () => {
  it("blocks, naming the configuration key and never the value", async () => {
    const token = "c7e5f920-1843-4c5b-a1a4-52c68c3bb358";
    const logsToken = incremental.replace("    cursor = state.get", "    log.info(f\"token {configuration['api_token']}\")\n    cursor = state.get");
    const r = await evaluateConnector({
      projectDir: makeProject({ "connector.py": logsToken, "configuration.json": JSON.stringify({ api_token: token }) }),
      timeoutSeconds: 60,
      writeMarkdown: false,
    });
    const leak = r.blocking.filter((f) => f.rule === "security:no_secrets_in_logs");
    expect(leak).toHaveLength(1);
    expect(leak[0].message).toContain("'api_token'");
    expect(JSON.stringify(r)).not.toContain(token);
    expect(r.verdict).toBe("not_ready");
  }, 120_000);
});
