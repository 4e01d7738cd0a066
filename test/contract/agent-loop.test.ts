import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { call, connectClient } from "../helpers/mcp-client.js";
import { HEADER, makeConnector } from "../runner/helpers.js";

// Issue 13: every answer an agent gets through an MCP client leads to the next right step.
const root = realpathSync(mkdtempSync(join(tmpdir(), "agent-loop-")));

describe("docs behind resources are served by a tool too", () => {
  it("get_guidelines returns a lint rule's doc for its id, and says which ids exist", async () => {
    const client = await connectClient([root]);
    const doc = await call(client, "get_guidelines", { topic: "ft010" });
    expect(doc.isError).toBe(false);
    expect(doc.data.topic).toBe("FT010");
    expect(String(doc.data.markdown)).toMatch(/^# FT010: /);
    const none = await call(client, "get_guidelines", { topic: "FT999" });
    expect(none.isError).toBe(true);
    expect(none.text).toContain("no lint rule FT999");
  });

  it("the lint description's rule count is the number that runs by default", async () => {
    const client = await connectClient([root]);
    const { tools } = await client.listTools();
    const said = Number(/against (\d+) deterministic rules in the default profile/.exec(tools.find((t) => t.name === "lint_connector")!.description!)![1]);
    const dir = makeConnector(`${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\n    op.checkpoint({})\nconnector = Connector(update=update)\n`, {}, root);
    const r = await call(client, "lint_connector", { project_dir: dir });
    expect((r.data.summary as { rules_run: number }).rules_run).toBe(said);
  });

  it("the prompts and the instructions send the agent to evaluate_connector", async () => {
    const client = await connectClient([root]);
    for (const name of ["build_connector", "review_before_deploy"]) {
      const p = await client.getPrompt({ name, arguments: { project_dir: root, source: "x" } });
      expect(JSON.stringify(p.messages)).toContain("evaluate_connector");
    }
    expect(client.getInstructions()).toContain("evaluate_connector");
    const testing = await call(client, "get_guidelines", { topic: "testing" });
    expect(String(testing.data.markdown)).toContain("evaluate_connector");
  });
});

describe("nothing an agent sends is dropped without a word", () => {
  it('set_state and run_debug with a top-level "__proto__" key → an invalid-argument error naming it, state.json untouched', async () => {
    const client = await connectClient([root]);
    const dir = makeConnector(`${HEADER}def update(configuration, state):\n    op.checkpoint(state)\nconnector = Connector(update=update)\n`, {}, root);
    mkdirSync(join(dir, "files"));
    writeFileSync(join(dir, "files", "state.json"), '{"kept": 1}');
    // JSON.parse keeps "__proto__" as an own key, and the client sends it as one; zod's record copy would drop it.
    const state = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": 1}') as Record<string, unknown>;
    for (const [name, args] of [
      ["set_state", { project_dir: dir, state }],
      ["run_debug", { project_dir: dir, engine: "embedded", state }],
    ] as const) {
      const r = await call(client, name, args);
      expect(r.isError).toBe(true);
      expect(r.text).toContain("__proto__");
    }
    expect(readFileSync(join(dir, "files", "state.json"), "utf8")).toBe('{"kept": 1}');
  });
});

describe("the requests loop", () => {
  it("a missing requests never sends the agent to requirements.txt", async () => {
    const client = await connectClient([root]);
    const dir = makeConnector(`${HEADER}import requests\ndef update(configuration, state):\n    op.checkpoint({})\nconnector = Connector(update=update)\n`, {}, root);
    // A venv without requests, as a bare `python -m venv` (or an old install_requirements) leaves it.
    execFileSync("python3", ["-m", "venv", "--without-pip", join(dir, ".venv")]);
    const r = await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    const error = r.data.error as { kind: string; hint: string };
    expect(error.kind).toBe("import");
    expect(error.hint).toContain("install_requirements");
    expect(error.hint).not.toMatch(/Add requests to requirements\.txt/);
    expect(error.hint).toContain("do not add it to requirements.txt");
    // And the other tools agree: lint flags requests listed in requirements.txt, install_requirements refuses it.
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === "install_requirements")!.description).toMatch(/requests/);
    const g = await call(client, "get_guidelines", { topic: "dependencies" });
    expect(String(g.data.markdown)).toMatch(/install_requirements.*\n?.*requests/);
  });
});

describe("misleading answers: a hint per cause", () => {
  type Err = { kind: string; message: string; hint: string; exception_type?: string };
  const run = async (code: string, configuration: Record<string, unknown> | string = {}, args: Record<string, unknown> = {}) => {
    const client = await connectClient([root]);
    const dir = makeConnector(`${HEADER}${code}\nconnector = Connector(update=update)\n`, configuration, root);
    const r = await call(client, "run_debug", { project_dir: dir, engine: "embedded", ...args });
    return { error: r.data.error as Err, text: r.text };
  };

  it("a KeyError names the missing key, the record's keys and the snake_case difference; the summary has the type", async () => {
    const { error, text } = await run(`def update(configuration, state):\n    item = {"id": 1, "updatedAt": "2024-01-01"}\n    op.upsert("t", {"id": item["id"], "ts": item["updated_at"]})`);
    expect(error.kind).toBe("connector_exception");
    expect(error.hint).toContain('no key "updated_at" (its keys: id, updatedAt)');
    expect(error.hint).toContain('The source calls it "updatedAt"');
    expect(error.hint).toContain("snake_case");
    expect(text).toContain("Error (connector_exception, KeyError)");
    expect(error.exception_type).toBe("KeyError");
  });

  it("HTTP 401 points at the authentication guideline; a 400 names the query parameters and quotes the answer", async () => {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/private") {
        res.writeHead(401, { "content-type": "application/json" }).end('{"error": "invalid api key"}');
      } else {
        res.writeHead(400, { "content-type": "application/json" }).end('{"error": "page_size must be at most 100"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const code = (path: string) =>
        `import requests\ndef update(configuration, state):\n    r = requests.get("${base}${path}", headers={"X-Key": configuration["api_key"]}, timeout=5)\n    r.raise_for_status()`;
      const auth = await run(code("/private"), { api_key: "s3cr3t-value-xyz" });
      expect(auth.error.kind).toBe("connector_exception");
      expect(auth.error.hint).toContain("HTTP 401");
      expect(auth.error.hint).toContain("get_guidelines topic authentication");
      expect(auth.text).toContain("HTTPError");
      const bad = await run(code("/items?page_size=500&cursor=abc"), { api_key: "s3cr3t-value-xyz" });
      expect(bad.error.hint).toContain("HTTP 400");
      expect(bad.error.hint).toContain("query parameters sent: page_size, cursor");
      expect(bad.error.hint).toContain("page_size must be at most 100");
      expect(JSON.stringify(bad)).not.toContain("s3cr3t-value-xyz");
      // The connector's own error naming the request and status (as the scaffold's client raises it) reads the same way.
      const own = await run(`def update(configuration, state):\n    raise RuntimeError("GET ${base}/items failed with HTTP 403: forbidden for this key")`);
      expect(own.error.hint).toContain("HTTP 403");
      expect(own.error.hint).toContain("get_guidelines topic authentication");
    } finally {
      server.close();
    }
  });

  it("placeholder configuration values make the failure kind configuration, naming the keys only", async () => {
    const { error } = await run(`def update(configuration, state):\n    raise RuntimeError("login failed")`, { api_key: "<YOUR_API_KEY>", region: "eu" });
    expect(error.kind).toBe("configuration");
    expect(error.hint).toContain("placeholder values for api_key");
    expect(error.hint).toContain("configuration.json");
  });

  it("a bad value in the checkpoint state gets a hint about the state, not rows", async () => {
    const { error } = await run(`import datetime\ndef update(configuration, state):\n    op.checkpoint({"cursor": datetime.datetime(2024, 1, 1)})`);
    expect(error.kind).toBe("serialization");
    expect(error.hint).toContain("op.checkpoint()");
    expect(error.hint).not.toContain("row");
  });

  it("an error about the inline configuration argument does not name configuration.json", async () => {
    const { error } = await run(`def update(configuration, state):\n    pass`, {}, { configuration: { page_size: 100 } });
    expect(error.kind).toBe("configuration");
    expect(error.hint).toContain("configuration argument");
    expect(error.hint).not.toContain("configuration.json must");
  });
});

describe("client time limits and a non-destructive evaluation", () => {
  // Counts rows per run: each sync upserts `n` more rows past the saved cursor, slowly when configured to.
  const CODE = `${HEADER}import time
def update(configuration, state):
    start = state.get("n", 0)
    for i in range(start, start + 5):
        op.upsert("items", {"id": i})
        time.sleep(float(configuration.get("sleep", "0")))
    op.checkpoint({"n": start + 5})
connector = Connector(update=update, schema=lambda c: [{"table": "items", "primary_key": ["id"]}])
`;

  it("evaluate_connector returns a run_id past wait_seconds; cancel_run puts the folder's warehouse and state back and gives no verdict", async () => {
    const client = await connectClient([root]);
    const dir = makeConnector(CODE, { sleep: "0" }, root);
    // The user's own two runs: 10 rows and state n=10, which the evaluation must not lose.
    await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    writeFileSync(join(dir, "configuration.json"), JSON.stringify({ sleep: "2" }));
    const started = await call(client, "evaluate_connector", { project_dir: dir, wait_seconds: 1 });
    expect(started.isError).toBe(false);
    expect(started.data.status).toBe("running");
    const runId = String(started.data.run_id);
    const polled = await call(client, "run_status", { run_id: runId, wait_seconds: 1 });
    expect(polled.data).toMatchObject({ status: "running", job: "evaluation", run_id: runId });
    const cancelled = await call(client, "cancel_run", { run_id: runId });
    expect(cancelled.data).toMatchObject({ status: "cancelled", job: "evaluation" });
    expect(cancelled.text).toContain("no verdict");
    expect(existsSync(join(dir, "EVALUATION.md"))).toBe(false);
    expect(existsSync(join(dir, ".ftmcp-evaluation-aside"))).toBe(false);
    const rows = await call(client, "query_warehouse", { project_dir: dir, sql: "SELECT count(*) AS n FROM items" });
    expect(rows.text).toContain("10");
    expect(JSON.parse(readFileSync(join(dir, "files", "state.json"), "utf8"))).toEqual({ n: 10 });
  }, 60_000);

  it("while evaluate_connector runs, the state and warehouse tools and run_debug answer locked instead of acting on its scratch files/", async () => {
    const client = await connectClient([root]);
    const dir = makeConnector(CODE, { sleep: "0" }, root);
    await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    writeFileSync(join(dir, "configuration.json"), JSON.stringify({ sleep: "2" }));
    const started = await call(client, "evaluate_connector", { project_dir: dir, wait_seconds: 1 });
    expect(started.data.status).toBe("running");
    const calls: [string, Record<string, unknown>][] = [
      ["set_state", { project_dir: dir, state: { during: 1 } }],
      ["reset_state", { project_dir: dir, warehouse: true }],
      ["get_state", { project_dir: dir }],
      ["query_warehouse", { project_dir: dir, sql: "SELECT count(*) FROM items" }],
      ["run_debug", { project_dir: dir, engine: "embedded" }],
    ];
    for (const [name, args] of calls) {
      const r = await call(client, name, args);
      expect({ name, isError: r.isError, locked: r.text.startsWith("Error (locked)") }).toEqual({ name, isError: true, locked: true });
      expect(r.text).toContain("evaluate_connector is running");
    }
    await call(client, "cancel_run", { run_id: String(started.data.run_id) });
    expect(JSON.parse(readFileSync(join(dir, "files", "state.json"), "utf8"))).toEqual({ n: 5 });
    const after = await call(client, "set_state", { project_dir: dir, state: { n: 1 } });
    expect(after.isError).toBe(false);
  }, 60_000);

  it("a finished evaluation leaves the folder's warehouse and state as they were", async () => {
    const client = await connectClient([root]);
    const dir = makeConnector(CODE, {}, root);
    await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    const r = await call(client, "evaluate_connector", { project_dir: dir, wait_seconds: 50 });
    expect(r.data.status).toBe("done");
    expect((r.data.runs as unknown[]).length).toBe(2);
    expect(readFileSync(join(dir, "EVALUATION.md"), "utf8")).toContain("scratch files/");
    expect(JSON.parse(readFileSync(join(dir, "files", "state.json"), "utf8"))).toEqual({ n: 10 });
    const rows = await call(client, "query_warehouse", { project_dir: dir, sql: "SELECT max(id) AS top FROM items" });
    expect(rows.text).toContain("9");
  }, 90_000);

  it("install_requirements returns a run_id past wait_seconds, and run_status returns its result", async () => {
    const client = await connectClient([root]);
    const dir = makeConnector(`${HEADER}import requests\ndef update(configuration, state):\n    op.checkpoint({})\nconnector = Connector(update=update)\n`, {}, root);
    writeFileSync(join(dir, "requirements.txt"), "");
    const started = await call(client, "install_requirements", { project_dir: dir, wait_seconds: 0 });
    expect(started.data.status).toBe("running");
    let answer = started;
    for (let i = 0; i < 20 && answer.data.status === "running"; i++) {
      answer = await call(client, "run_status", { run_id: String(started.data.run_id), wait_seconds: 10 });
    }
    expect(answer.data).toMatchObject({ status: "succeeded", job: "install" });
    expect((answer.data.result as { installed: { name: string }[] }).installed.map((p) => p.name)).toContain("requests");
    // The connector that imports requests now runs in that .venv.
    const run = await call(client, "run_debug", { project_dir: dir });
    expect(run.data.status).toBe("succeeded");
  }, 240_000);
});

describe("size budgets an agent's context can afford", () => {
  it("tools/list stays within 30,000 characters", async () => {
    const client = await connectClient([root]);
    const { tools } = await client.listTools();
    expect(JSON.stringify({ tools }).length).toBeLessThanOrEqual(30_000);
  });

  it("a default SELECT * of 100 rows comes back as one line per row", async () => {
    const client = await connectClient([root]);
    const dir = makeConnector(
      `${HEADER}def update(configuration, state):\n    for i in range(150):\n        op.upsert("orders", {"id": i, "customer_name": "Customer %d" % i, "email": "c%d@example.com" % i, "status": "shipped", "amount": i * 1.5, "currency": "USD", "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-02-01T00:00:00Z", "notes": None, "is_gift": False})\n    op.checkpoint({"done": True})\nconnector = Connector(update=update)\n`,
      {},
      root,
    );
    expect((await call(client, "run_debug", { project_dir: dir, engine: "embedded" })).data.status).toBe("succeeded");
    const r = await call(client, "query_warehouse", { project_dir: dir, sql: "SELECT * FROM orders" });
    expect(r.data.row_count).toBe(100);
    const json = r.text.split("\n").filter((l) => l.includes("Customer "));
    expect(json.length).toBe(100);
    // 12 columns x 100 rows: about 190 characters a row, where one cell per line took over 34,000 for the lot.
    expect(r.text.length).toBeLessThanOrEqual(22_000);
  });
});

describe("consistent vocabulary between tools", () => {
  it("find_examples knows every pagination value scaffold offers, with the same names", async () => {
    const client = await connectClient([root]);
    const choices = await client.readResource({ uri: "connector-sdk://scaffold/choices" });
    const text = JSON.stringify(choices.contents);
    for (const p of ["page_number", "offset", "cursor", "link_header", "next_url", "keyset_timestamp"]) {
      expect(text).toContain(p);
      const r = await call(client, "find_examples", { pagination: p });
      expect(r.isError, `find_examples pagination=${p}: ${r.text}`).toBe(false);
      expect(Number(r.data.total)).toBeGreaterThan(0);
    }
  });

  it("the fivetran-examples profile raises no warning on the scaffold's default output", async () => {
    const client = await connectClient([root]);
    const dir = join(root, `scaffold-default-${Date.now()}`);
    expect((await call(client, "scaffold", { project_dir: dir })).isError).toBe(false);
    const r = await call(client, "lint_connector", { project_dir: dir, profile: "fivetran-examples" });
    const summary = r.data.summary as { errors: number; warnings: number };
    expect(summary).toMatchObject({ errors: 0, warnings: 0 });
  });
});

describe("a connector that checkpoints in a tight loop", () => {
  it("cancel_run does not wait for the backlog, and checkpoint lines are coalesced in notifications", async () => {
    const client = await connectClient([root]);
    const notices: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void notices.push(String(n.params.data)));
    await client.setLoggingLevel("debug");
    const dir = makeConnector(
      `${HEADER}def update(configuration, state):\n    i = 0\n    while True:\n        i += 1\n        op.upsert("t", {"id": i, "pad": "x" * 200})\n        op.checkpoint({"i": i})\nconnector = Connector(update=update)\n`,
      {},
      root,
    );
    const started = await call(client, "run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 3 });
    expect(started.data.status).toBe("running");
    // Before the fix this call applied the whole queued backlog first: 114 s measured, here it would hit the 45 s
    // client timeout; it now returns in well under a second on an idle machine.
    const cancelled = await call(client, "cancel_run", { run_id: String(started.data.run_id) }, 45_000);
    expect(cancelled.data.status).toBe("cancelled");
    const checkpointNotices = notices.filter((m) => m.includes("checkpoint recorded"));
    // One every 2 s at most (plus the first), where there was one per checkpoint.
    expect(checkpointNotices.length).toBeLessThanOrEqual(4);
    expect((cancelled.data.counts as { checkpoints: number } | undefined)?.checkpoints ?? 1).toBeGreaterThan(checkpointNotices.length);
  }, 90_000);
});

describe("missing views", () => {
  it("run_debug shows what this run wrote per table next to the warehouse totals", async () => {
    const client = await connectClient([root]);
    const dir = makeConnector(
      `${HEADER}def update(configuration, state):\n    n = state.get("n", 0)\n    for i in range(n, n + 3):\n        op.upsert("orderItems", {"id": i})\n    if n:\n        op.update("orderItems", {"id": 0, "v": 1})\n        op.delete("orderItems", {"id": 1})\n    op.checkpoint({"n": n + 3})\nconnector = Connector(update=update)\n`,
      {},
      root,
    );
    await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    const second = await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    expect(second.data.written_per_table).toEqual({ order_items: { upserts: 3, updates: 1, deletes: 1 } });
    expect(second.data.rows_per_table).toEqual({ order_items: 6 });
    expect(second.text).toContain("Written this run: order_items 3 upserts, 1 updates, 1 deletes");
  });
});

describe("diff_state after plain runs and after set_state", () => {
  it("compares what the last run started from with what it committed", async () => {
    const client = await connectClient([root]);
    const dir = makeConnector(
      `${HEADER}def update(configuration, state):\n    n = state.get("n", 0)\n    op.upsert("t", {"id": n})\n    op.checkpoint({"n": n + 3, "since": "2024"})\nconnector = Connector(update=update)\n`,
      {},
      root,
    );
    await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    const first = await call(client, "diff_state", { project_dir: dir });
    expect(first.isError).toBe(false);
    expect(first.data.added).toEqual([
      { path: "n", after: 3 },
      { path: "since", after: "2024" },
    ]);
    await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    const second = await call(client, "diff_state", { project_dir: dir });
    expect(second.data.changed).toEqual([{ path: "n", before: 3, after: 6 }]);
    expect((await call(client, "set_state", { project_dir: dir, state: { n: 100, since: "2024" } })).isError).toBe(false);
    await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    const afterSet = await call(client, "diff_state", { project_dir: dir });
    expect(afterSet.data.from).toBe("the state the last run started from");
    expect(afterSet.data.changed).toEqual([{ path: "n", before: 100, after: 103 }]);
  });
});

describe("sample_source: the source made visible", () => {
  it("GETs an endpoint with the configuration, shows the record keys, masks the secrets, and stays bounded", async () => {
    const seen: { path?: string; key?: string; method?: string }[] = [];
    const server = createServer((req, res) => {
      seen.push({ path: req.url, key: String(req.headers["x-api-key"] ?? ""), method: req.method });
      if (req.url?.startsWith("/redirect")) {
        res.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" }).end();
      } else if (req.url?.startsWith("/big")) {
        res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(100_000));
      } else {
        res.writeHead(200, { "content-type": "application/json", link: '<http://127.0.0.1/items?cursor=abc>; rel="next"' });
        res.end(JSON.stringify({ data: [{ itemId: 1, updatedAt: "2024-01-01", echo: "key-s3cr3t-42" }], next_cursor: "abc" }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = await connectClient([root]);
      const dir = makeConnector(`${HEADER}def update(configuration, state):\n    pass\nconnector = Connector(update=update)\n`, { base_url: base, api_key: "key-s3cr3t-42" }, root);
      const r = await call(client, "sample_source", { project_dir: dir, url: "{base_url}/items?page_size=2", headers: { "X-Api-Key": "{api_key}" } });
      expect(r.isError, r.text).toBe(false);
      expect(seen[0]).toEqual({ path: "/items?page_size=2", key: "key-s3cr3t-42", method: "GET" });
      expect(r.data).toMatchObject({ status: 200, json: { top_level_keys: ["data", "next_cursor"], records_at: "data", record_count: 1, record_keys: ["itemId", "updatedAt", "echo"] } });
      expect((r.data.headers as Record<string, string>).link).toContain('rel="next"');
      expect(r.text).not.toContain("key-s3cr3t-42");
      // Redirects are answered, not followed; bodies stop at max_bytes; only http(s).
      const redirect = await call(client, "sample_source", { project_dir: dir, url: "{base_url}/redirect" });
      expect(redirect.data.status).toBe(302);
      expect(seen.map((s) => s.path)).not.toContain("/elsewhere");
      const big = await call(client, "sample_source", { project_dir: dir, url: "{base_url}/big", max_bytes: 1000 });
      expect(big.data).toMatchObject({ truncated: true, body_bytes: 1000 });
      const file = await call(client, "sample_source", { project_dir: dir, url: "file:///etc/passwd" });
      expect(file.isError).toBe(true);
      const missing = await call(client, "sample_source", { project_dir: dir, url: "{token}/x" });
      expect(missing.text).toContain("{token}");
    } finally {
      server.close();
    }
  });
});

describe("sample_source with a configuration value still a placeholder", () => {
  it("does not send the request, and says which key to fill", async () => {
    // A new user scaffolded bearer auth and sampled the endpoint before filling api_token: the request went out
    // with 'Bearer <YOUR_API_TOKEN>' and the answer was a bare HTTP 401.
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(String(req.headers.authorization ?? ""));
      res.writeHead(401).end("Invalid API key or format");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = await connectClient([root]);
      const dir = makeConnector(`${HEADER}def update(configuration, state):\n    pass\nconnector = Connector(update=update)\n`, { base_url: base, api_token: "<YOUR_API_TOKEN>" }, root);
      const r = await call(client, "sample_source", { project_dir: dir, url: "{base_url}/auth/http_bearer", headers: { Authorization: "Bearer {api_token}" } });
      expect(r.isError).toBe(true);
      expect(r.text).toContain("api_token");
      expect(r.text).toContain("placeholder");
      expect(seen).toEqual([]);
      // A real value goes out as before.
      writeFileSync(join(dir, "configuration.json"), JSON.stringify({ base_url: base, api_token: "tok-123456789" }));
      const ok = await call(client, "sample_source", { project_dir: dir, url: "{base_url}/auth/http_bearer", headers: { Authorization: "Bearer {api_token}" } });
      expect(ok.data.status).toBe(401);
      expect(seen).toEqual(["Bearer tok-123456789"]);
      await client.close();
    } finally {
      server.close();
    }
  });
});
