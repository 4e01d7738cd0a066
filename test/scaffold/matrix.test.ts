import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import type { RunResult } from "../../src/runner/types.js";
import { allCombinations, scaffoldProject, type AuthType, type PaginationType, type SourceType, type SyncMode } from "../../src/scaffold/index.js";
import { BASE_ROWS, CREDENTIALS, changedRows, childRows, startMockApi, tableRows, type MockApi, type Row } from "../mock-api/server.js";

/**
 * Every offered combination, scaffolded and synced for real: the embedded engine runs the
 * generated connector.py under python3 against the loopback mock API (or a SQLite file, a folder
 * of files, or the built-in sample). Incremental combinations run twice; the second run, against
 * the next data version with the first run's state, must write exactly the new and changed rows.
 * Lint (zero errors and warnings under the default profile) is in lint-matrix.test.ts.
 */
interface Combo {
  source: SourceType;
  auth: AuthType;
  pagination: PaginationType;
  sync: SyncMode;
}

const CONCURRENCY = 2;
const root = realpathSync(mkdtempSync(join(tmpdir(), "scaffold-matrix-")));
let mock: MockApi;

beforeAll(async () => {
  mock = await startMockApi();
});
afterAll(async () => {
  await mock?.close();
});

function configFor(c: Combo, dir: string, version: number): Record<string, string> {
  const cfg: Record<string, string> = {};
  if (c.source === "rest_api" || c.source === "graphql") {
    cfg.base_url = mock.baseUrl(c.auth, c.pagination, version, c.source === "graphql");
    switch (c.auth) {
      case "api_key_header":
      case "api_key_query":
        cfg.api_key = CREDENTIALS.api_key;
        break;
      case "bearer":
        cfg.api_token = CREDENTIALS.api_token;
        break;
      case "basic":
        cfg.username = CREDENTIALS.username;
        cfg.password = CREDENTIALS.password;
        break;
      case "oauth2_refresh_token":
        cfg.refresh_token = CREDENTIALS.refresh_token;
      // falls through: both OAuth flows need the token endpoint and the client
      case "oauth2_client_credentials":
        cfg.token_url = mock.tokenUrl(c.auth);
        cfg.client_id = CREDENTIALS.client_id;
        cfg.client_secret = CREDENTIALS.client_secret;
        break;
      default:
        break;
    }
  }
  if (c.source === "database") cfg.database_path = join(dir, "source.sqlite");
  if (c.source === "file") cfg.folder_path = join(dir, "data");
  return cfg;
}

/** Rows (per table) a sync of this data version must write, given what the previous version held. */
function expectedWrites(c: Combo, version: number): Record<string, number> {
  const prev = version - 1;
  const diff = (before: Row[], after: Row[]) => (version === 0 || c.sync === "full" ? after.length : changedRows(before, after).length);
  if (c.source === "sample") return version === 0 ? { users: 26, orders: 52 } : { users: 1, orders: 2 };
  if (c.source === "file") return { users: version === 0 ? BASE_ROWS : 5 };
  const out: Record<string, number> = { users: diff(version > 0 ? tableRows("users", prev) : [], tableRows("users", version)) };
  if (c.source === "rest_api") {
    const prevIds = new Set(version > 0 ? tableRows("users", prev).map((r) => r.id) : []);
    out.orders = tableRows("users", version)
      .map((p) => diff(prevIds.has(p.id) ? childRows("orders", p.id, prev) : [], childRows("orders", p.id, version)))
      .reduce((a, b) => a + b, 0);
  }
  return out;
}

function writeSqlite(path: string, rows: Row[]): void {
  const script = [
    "import json, sqlite3, sys",
    "rows = json.load(sys.stdin)",
    "db = sqlite3.connect(sys.argv[1])",
    'db.execute("DROP TABLE IF EXISTS users")',
    'db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, amount REAL, updated_at TEXT)")',
    'db.executemany("INSERT INTO users VALUES (:id, :name, :amount, :updated_at)", rows)',
    "db.commit()",
    "db.close()",
  ].join("\n");
  execFileSync("python3", ["-c", script, path], { input: JSON.stringify(rows) });
}

function prepareSource(c: Combo, dir: string, version: number): void {
  if (c.source === "database") writeSqlite(join(dir, "source.sqlite"), tableRows("users", version));
  if (c.source === "file") {
    const data = join(dir, "data");
    if (version === 0) {
      execFileSync("mkdir", ["-p", data]);
      const rows = tableRows("users", 0);
      writeFileSync(join(data, "users.csv"), ["id,name,amount,updated_at", ...rows.map((r) => `${r.id},"${r.name}",${r.amount},${r.updated_at}`)].join("\n") + "\n");
      const old = new Date(Date.now() - 3_600_000);
      utimesSync(join(data, "users.csv"), old, old);
    } else {
      // A second export holding only the changed and new rows, written after the first sync.
      const changed = changedRows(tableRows("users", 0), tableRows("users", 1));
      writeFileSync(join(data, "users_2.jsonl"), changed.map((r) => JSON.stringify(r)).join("\n") + "\n");
    }
  }
}

function describeFailure(label: string, r: RunResult): string {
  return `${label}: ${r.status} ${r.error?.kind ?? ""} ${r.error?.message ?? ""}\n${r.logTail.slice(-8).join("\n")}`;
}

async function runCombo(c: Combo): Promise<string[]> {
  const problems: string[] = [];
  const label = `${c.source}/${c.auth}/${c.pagination}/${c.sync}`;
  const dir = join(root, label.replaceAll("/", "-"));
  scaffoldProject(dir, { source_type: c.source, auth: c.auth, pagination: c.pagination, sync: c.sync });
  const runs = c.sync === "incremental_cursor" ? [0, 1] : [0];
  for (const version of runs) {
    prepareSource(c, dir, version);
    const configuration = configFor(c, dir, version);
    const r = await runSync({ projectDir: dir, configuration, engine: "embedded", timeoutSeconds: 60, reset: version === 0 });
    if (r.status !== "succeeded") {
      problems.push(describeFailure(`${label} run ${version + 1}`, r));
      break;
    }
    const want = expectedWrites(c, version);
    const total = Object.values(want).reduce((a, b) => a + b, 0);
    if (r.counts.upserts !== total) problems.push(`${label} run ${version + 1}: ${r.counts.upserts} upserts, expected ${total} (${JSON.stringify(want)})`);
    if (r.counts.checkpoints < 1) problems.push(`${label} run ${version + 1}: no checkpoint`);
    const stateText = JSON.stringify(r.state);
    for (const secret of Object.values(CREDENTIALS)) {
      if (stateText.includes(secret)) problems.push(`${label}: a credential is stored in state`);
      if (r.logTail.some((l) => l.includes(secret))) problems.push(`${label}: a credential appears in the log`);
    }
    if (c.sync === "incremental_cursor" && !Object.keys(r.state).some((k) => k.endsWith("_cursor"))) {
      problems.push(`${label}: incremental run saved no cursor (state ${stateText})`);
    }
  }
  return problems;
}

async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

describe("every offered combination syncs against the loopback mock API", () => {
  const groups: SourceType[] = ["sample", "database", "file", "graphql", "rest_api"];
  for (const source of groups) {
    const combos = allCombinations().filter((c) => c.source === source);
    it(`${source}: ${combos.length} combinations`, async () => {
      const problems = (await pool(combos, CONCURRENCY, runCombo)).flat();
      expect(problems).toEqual([]);
    }, 240_000);
  }

  it("retries 429 honouring Retry-After and 503 with back-off", async () => {
    const c: Combo = { source: "rest_api", auth: "bearer", pagination: "page_number", sync: "full" };
    const dir = join(root, "retry");
    scaffoldProject(dir, { source_type: c.source, auth: c.auth, pagination: c.pagination, sync: c.sync, tables: [{ name: "users" }] });
    mock.injectFaults(1, "1", 1);
    const started = Date.now();
    const r = await runSync({ projectDir: dir, configuration: configFor(c, dir, 0), engine: "embedded", timeoutSeconds: 60 });
    expect(r.status, describeFailure("retry", r)).toBe("succeeded");
    expect(r.counts.upserts).toBe(BASE_ROWS);
    // Retry-After: 1 second, then the first exponential step (1 s) for the 503.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(r.logTail.join("\n")).toMatch(/HTTP 429; retrying in 1\.0s/);
    expect(r.logTail.join("\n")).toMatch(/HTTP 503; retrying/);
  }, 60_000);

  it("fails with a clear message while configuration.json still holds placeholders", async () => {
    const dir = join(root, "placeholders");
    scaffoldProject(dir, { source_type: "rest_api", auth: "api_key_header" });
    const r = await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 60 });
    expect(r.status).toBe("failed");
    expect(`${r.error?.message} ${r.logTail.join("\n")}`).toMatch(/Configuration value .base_url. is still the placeholder/);
    expect(existsSync(join(dir, "connector.py"))).toBe(true);
  }, 60_000);
});
