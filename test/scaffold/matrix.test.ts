import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import type { RunResult } from "../../src/runner/types.js";
import { allCombinations, comboLabel, comboOptions, scaffoldProject, type Combination, type SourceType } from "../../src/scaffold/index.js";
import { TEST_VENV_PYTHON } from "../helpers/env.js";
import { S3_CREDENTIALS, startMockS3, type MockS3 } from "../mock-api/s3.js";
import { BASE_ROWS, CREDENTIALS, changedRows, childRows, startMockApi, tableRows, type MockApi, type Row } from "../mock-api/server.js";

/**
 * Every offered combination, scaffolded and synced for real: the embedded engine runs the
 * generated connector.py under python3 against the loopback mock API (or a SQLite file, a folder
 * of files, the loopback S3 mock, or the built-in sample). Incremental combinations run twice; the
 * second run, against the next data version with the first run's state, must write exactly the new
 * and changed rows. Lint (zero errors and warnings under the default profile) is in lint-matrix.test.ts.
 *
 * PostgreSQL and MySQL: no server can run here (no network, no server packages), so those runs put
 * test/mock-api/db_drivers first on PYTHONPATH: fake psycopg2 and pymysql modules that are a mock of
 * the database server only (DB-API 2.0 over a SQLite file, holding the drivers' paramstyle %s, their
 * identifier quoting and connect() keywords). The generated connector, runner and warehouse are real.
 */
type Combo = Combination;

const CONCURRENCY = 2;
const root = realpathSync(mkdtempSync(join(tmpdir(), "scaffold-matrix-")));
const FAKE_DB_DRIVERS = join(import.meta.dirname, "..", "mock-api", "db_drivers");
/** The credentials test/mock-api/db_drivers/_fake_server.py accepts. */
const DB_CREDENTIALS = { user: "mock-db-user", password: "mock-db-pass-456" } as const;
const SECRETS = [...Object.values(CREDENTIALS), S3_CREDENTIALS.secret_access_key, DB_CREDENTIALS.password];
let mock: MockApi;
let s3: MockS3;

beforeAll(async () => {
  mock = await startMockApi();
  s3 = await startMockS3();
});
afterAll(async () => {
  await mock?.close();
  await s3?.close();
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
  if (c.driver === "sqlite") cfg.database_path = join(dir, "source.sqlite");
  if (c.driver === "postgresql" || c.driver === "mysql") {
    // The fake server keeps each database as a SQLite file named by the database key.
    Object.assign(cfg, { host: "db.internal", port: c.driver === "postgresql" ? "5432" : "3306", database: join(dir, "source.sqlite"), ...DB_CREDENTIALS });
  }
  if (c.storage === "local") cfg.folder_path = join(dir, "data");
  if (c.storage === "s3") {
    Object.assign(cfg, {
      bucket: s3Bucket(c),
      prefix: "exports/",
      region: "us-east-1",
      endpoint_url: s3.url,
      aws_access_key_id: S3_CREDENTIALS.access_key_id,
      aws_secret_access_key: S3_CREDENTIALS.secret_access_key,
    });
  }
  return cfg;
}

/** Rows (per table) a sync of this data version must write, given what the previous version held. */
function expectedWrites(c: Combo, version: number): Record<string, number> {
  const prev = version - 1;
  const diff = (before: Row[], after: Row[]) => (version === 0 || c.sync === "full" ? after.length : changedRows(before, after).length);
  if (c.source === "sample") return version === 0 ? { users: 26, orders: 52 } : { users: 1, orders: 2 };
  if (c.source === "file") return { users: version === 0 ? BASE_ROWS : 5 };
  const out: Record<string, number> = { users: diff(version > 0 ? tableRows("users", prev) : [], tableRows("users", version)) };
  if (c.source === "rest_api" || c.source === "graphql") {
    const prevIds = new Set(version > 0 ? tableRows("users", prev).map((r) => r.id) : []);
    out.orders = tableRows("users", version)
      .map((p) => diff(prevIds.has(p.id) ? childRows("orders", p.id, prev) : [], childRows("orders", p.id, version)))
      .reduce((a, b) => a + b, 0);
  }
  return out;
}

function writeSqlite(path: string, rows: Row[]): void {
  // created_at is declared TIMESTAMP: the fake drivers return it as a datetime, as real drivers do.
  const script = [
    "import json, sqlite3, sys",
    "rows = json.load(sys.stdin)",
    "db = sqlite3.connect(sys.argv[1])",
    'db.execute("DROP TABLE IF EXISTS users")',
    'db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, amount REAL, updated_at TEXT, created_at TIMESTAMP)")',
    "db.executemany(\"INSERT INTO users VALUES (:id, :name, :amount, :updated_at, '2023-06-01 12:00:00')\", rows)",
    "db.commit()",
    "db.close()",
  ].join("\n");
  execFileSync("python3", ["-c", script, path], { input: JSON.stringify(rows) });
}

const s3Bucket = (c: Combo) => `matrix-${c.sync.replace("_", "-")}`;
const csvOf = (rows: Row[]) => ["id,name,amount,updated_at", ...rows.map((r) => `${r.id},"${r.name}",${r.amount},${r.updated_at}`)].join("\n") + "\n";
const jsonlOf = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

/**
 * Version 0 is three objects with the same LastModified second (so the (time, key) cursor must
 * break the tie) and, with LIST_CAP 2, a listing that needs continuation tokens; plus objects the
 * table's pattern or the prefix exclude. Version 1 adds one object with the changed and new rows.
 */
function prepareS3(c: Combo, version: number): void {
  const bucket = s3Bucket(c);
  if (version === 0) {
    const rows = tableRows("users", 0);
    const at = new Date(Date.now() - 3_600_000);
    s3.put(bucket, "exports/users_part1.csv", csvOf(rows.slice(0, 4)), at);
    s3.put(bucket, "exports/users_part2.csv", csvOf(rows.slice(4, 8)), at);
    s3.put(bucket, "exports/users_part3.jsonl", jsonlOf(rows.slice(8)), at);
    s3.put(bucket, "exports/users_notes.txt", "not a data file\n", at);
    s3.put(bucket, "exports/orders.csv", csvOf(tableRows("orders", 0)), at);
    s3.put(bucket, "elsewhere/users.csv", csvOf(tableRows("users", 0)), at);
  } else {
    s3.put(bucket, "exports/users_v1.jsonl", jsonlOf(changedRows(tableRows("users", 0), tableRows("users", 1))), new Date());
  }
}

function prepareSource(c: Combo, dir: string, version: number): void {
  if (c.source === "database") writeSqlite(join(dir, "source.sqlite"), tableRows("users", version));
  if (c.storage === "s3") prepareS3(c, version);
  if (c.storage === "local") {
    const data = join(dir, "data");
    if (version === 0) {
      execFileSync("mkdir", ["-p", data]);
      const rows = tableRows("users", 0);
      writeFileSync(join(data, "users.csv"), csvOf(rows));
      const old = new Date(Date.now() - 3_600_000);
      utimesSync(join(data, "users.csv"), old, old);
    } else {
      // A second export holding only the changed and new rows, written after the first sync.
      const changed = changedRows(tableRows("users", 0), tableRows("users", 1));
      writeFileSync(join(data, "users_2.jsonl"), jsonlOf(changed));
    }
  }
}

function describeFailure(label: string, r: RunResult): string {
  return `${label}: ${r.status} ${r.error?.kind ?? ""} ${r.error?.message ?? ""}\n${r.logTail.slice(-8).join("\n")}`;
}

async function runCombo(c: Combo): Promise<string[]> {
  const problems: string[] = [];
  const label = comboLabel(c);
  const dir = join(root, label.replace(/[/[\]]/g, "-"));
  scaffoldProject(dir, comboOptions(c));
  const runs = c.sync === "incremental_cursor" ? [0, 1] : [0];
  for (const version of runs) {
    prepareSource(c, dir, version);
    const configuration = configFor(c, dir, version);
    // boto3 comes from the test venv, pinned as the generated requirements.txt pins it.
    const python = c.storage === "s3" && existsSync(TEST_VENV_PYTHON) ? TEST_VENV_PYTHON : undefined;
    const r = await runSync({ projectDir: dir, configuration, engine: "embedded", timeoutSeconds: 60, reset: version === 0, python });
    if (r.status !== "succeeded") {
      problems.push(describeFailure(`${label} run ${version + 1}`, r));
      break;
    }
    const want = expectedWrites(c, version);
    const total = Object.values(want).reduce((a, b) => a + b, 0);
    if (r.counts.upserts !== total) problems.push(`${label} run ${version + 1}: ${r.counts.upserts} upserts, expected ${total} (${JSON.stringify(want)})`);
    if (r.counts.checkpoints < 1) problems.push(`${label} run ${version + 1}: no checkpoint`);
    const stateText = JSON.stringify(r.state);
    for (const secret of SECRETS) {
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
      // Only for this group's runs (tests in a file run one at a time): the fake drivers shadow real ones.
      const saved = process.env.PYTHONPATH;
      if (source === "database") process.env.PYTHONPATH = [FAKE_DB_DRIVERS, saved].filter(Boolean).join(":");
      try {
        const problems = (await pool(combos, CONCURRENCY, runCombo)).flat();
        expect(problems).toEqual([]);
      } finally {
        if (saved === undefined) delete process.env.PYTHONPATH;
        else process.env.PYTHONPATH = saved;
      }
    }, 240_000);
  }

  it("the S3 runs listed with continuation tokens and signed every request", () => {
    const paths = s3.requests.map((r) => r.path);
    expect(paths.some((p) => p.includes("list-type=2") && p.includes("continuation-token="))).toBe(true);
    expect(paths.some((p) => p.startsWith("/matrix-incremental-cursor/exports/users_part1.csv"))).toBe(true);
    expect(paths.some((p) => p.includes("elsewhere") || p.includes("users_notes") || p.includes("orders.csv"))).toBe(false);
    expect(s3.requests.filter((r) => r.status !== 200)).toEqual([]);
  });

  it("the S3 mock refuses a request without SigV4 credentials for its access key", async () => {
    const dir = join(root, "s3-wrong-key");
    const c: Combo = { source: "file", storage: "s3", auth: "none", pagination: "none", sync: "full" };
    scaffoldProject(dir, comboOptions(c));
    prepareS3(c, 0);
    const configuration = { ...configFor(c, dir, 0), aws_access_key_id: "SOMEONEELSE000000000" };
    const python = existsSync(TEST_VENV_PYTHON) ? TEST_VENV_PYTHON : undefined;
    const r = await runSync({ projectDir: dir, configuration, engine: "embedded", timeoutSeconds: 60, python });
    expect(r.status).toBe("failed");
    expect(`${r.error?.message} ${r.logTail.join("\n")}`).toMatch(/AccessDenied/);
    expect(`${r.error?.message} ${r.logTail.join("\n")}`).not.toContain(S3_CREDENTIALS.secret_access_key);
  }, 60_000);

  it("the fake database drivers stand in for the real ones and hold their parameter style", async () => {
    const c: Combo = { source: "database", driver: "postgresql", auth: "none", pagination: "offset", sync: "incremental_cursor" };
    const dir = join(root, "db-paramstyle");
    scaffoldProject(dir, comboOptions(c));
    prepareSource(c, dir, 0);
    // Without the fakes on PYTHONPATH the driver is missing: the matrix runs really went through them.
    const without = await runSync({ projectDir: dir, configuration: configFor(c, dir, 0), engine: "embedded", timeoutSeconds: 60 });
    expect(without.status).toBe("failed");
    expect(`${without.error?.message}`).toMatch(/psycopg2/);
    // sqlite3's qmark style is a syntax error for the fake PostgreSQL, as for a real server.
    const source = join(dir, "connector.py");
    writeFileSync(source, readFileSync(source, "utf8").replaceAll("%s", "?"));
    const saved = process.env.PYTHONPATH;
    process.env.PYTHONPATH = FAKE_DB_DRIVERS;
    try {
      const r = await runSync({ projectDir: dir, configuration: configFor(c, dir, 0), engine: "embedded", timeoutSeconds: 60 });
      expect(r.status).toBe("failed");
      expect(`${r.error?.message} ${r.logTail.join("\n")}`).toMatch(/paramstyle is pyformat/);
    } finally {
      if (saved === undefined) delete process.env.PYTHONPATH;
      else process.env.PYTHONPATH = saved;
    }
  }, 60_000);

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
