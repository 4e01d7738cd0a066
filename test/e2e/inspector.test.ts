import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allTools } from "../../tools/index.js";
import { ensureBuilt } from "../helpers/built.js";
import { REPO_ROOT } from "../helpers/env.js";

/**
 * The built server driven by the MCP Inspector CLI, pinned in devDependencies (0.15.0: the last
 * release whose CLI runs on Node 20). Each call starts the server afresh, as a client would.
 * Tool calls cover every tool registered when the suite runs: known tools get a call with real
 * arguments and a check of what they return; any other tool gets a call with the fixture folder and
 * the contract check (a well-formed result or a well-formed error, never a crash).
 */
const run = promisify(execFile);
const INSPECTOR = join(REPO_ROOT, "node_modules", ".bin", "mcp-inspector");

const work = realpathSync(mkdtempSync(join(tmpdir(), "inspector-e2e-")));
const fixture = join(work, "items_connector");
let cli = "";

const CONNECTOR = `from fivetran_connector_sdk import Connector, Operations as op

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    for i in range(3):
        op.upsert("items", {"id": i, "name": f"item {i}"})
    op.checkpoint({"done": True})

connector = Connector(update=update, schema=schema)
`;

interface CallResult {
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

async function inspector(method: string, extra: string[] = [], dir = fixture): Promise<unknown> {
  const { stdout } = await run(INSPECTOR, ["--cli", process.execPath, cli, "--workspace", dir, "--method", method, ...extra], {
    cwd: "/",
    timeout: 60_000,
    maxBuffer: 20_000_000,
  });
  return JSON.parse(stdout);
}

async function call(tool: string, args: Record<string, string | number | boolean>, dir = fixture): Promise<CallResult> {
  const pairs = Object.entries(args).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  // --tool-arg takes every following word, so it goes last.
  return (await inspector("tools/call", ["--tool-name", tool, ...(pairs.length ? ["--tool-arg", ...pairs] : [])], dir)) as CallResult;
}

/** The result contract every tool keeps (mcp-clients.md §6 21, 22). */
function wellFormed(r: CallResult): void {
  expect(Array.isArray(r.content) && r.content.length > 0).toBe(true);
  if (r.isError) {
    // Ours ("Error (code): ... Next: ..."), or the SDK's own check of the arguments against the schema.
    expect(r.content[0].text).toMatch(/^Error \(\w+\): |Input validation error: Invalid arguments for tool /);
  } else {
    expect(r.structuredContent).toBeTypeOf("object");
    expect(JSON.parse(r.content[0].text)).toEqual(r.structuredContent);
  }
}

const registered = new Set(allTools.map((t) => t.name));
const covered: string[] = [];

beforeAll(() => {
  cli = ensureBuilt();
  mkdirSync(fixture, { recursive: true });
  writeFileSync(join(fixture, "connector.py"), CONNECTOR);
  writeFileSync(join(fixture, "configuration.json"), "{}\n");
  writeFileSync(join(fixture, "requirements.txt"), "");
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  process.stderr.write(`inspector e2e: tools called: ${covered.join(", ") || "none"}; registered: ${[...registered].join(", ")}\n`);
});

describe("MCP Inspector CLI against the built server", () => {
  it("tools/list matches the registered tools", async () => {
    const { tools } = (await inspector("tools/list")) as { tools: { name: string }[] };
    expect(tools.map((t) => t.name).sort()).toEqual([...registered].sort());
  }, 60_000);

  it("resources/list and resources/read", async () => {
    const { resources } = (await inspector("resources/list")) as { resources: { uri: string }[] };
    expect(resources.length).toBeGreaterThan(0);
    const read = (await inspector("resources/read", ["--uri", resources[0].uri])) as { contents: { text?: string }[] };
    expect(read.contents[0].text?.length ?? 0).toBeGreaterThan(50);
  }, 60_000);

  it.skipIf(!registered.has("lint_connector"))("lint_connector on the fixture", async () => {
    const r = await call("lint_connector", { project_dir: fixture });
    covered.push("lint_connector");
    wellFormed(r);
    expect(r.isError).toBeFalsy();
  }, 60_000);

  it.skipIf(!registered.has("run_debug"))("run_debug syncs the fixture, then query_warehouse and describe_warehouse read it", async () => {
    const r = await call("run_debug", { project_dir: fixture, wait_seconds: 25 });
    covered.push("run_debug");
    wellFormed(r);
    expect(r.isError).toBeFalsy();
    const sc = r.structuredContent as { status?: string; error?: unknown };
    expect(sc.status, `run failed: ${JSON.stringify(sc.error)}`).toMatch(/succeeded|completed|success|ok/i);

    if (registered.has("query_warehouse")) {
      const q = await call("query_warehouse", { project_dir: fixture, sql: "SELECT count(*) AS n FROM tester.items" });
      covered.push("query_warehouse");
      wellFormed(q);
      expect(q.isError).toBeFalsy();
      expect(JSON.stringify(q.structuredContent)).toMatch(/\[\s*3\s*\]|"n":\s*3/);
      // A write through the read-only path is refused as a result, not a crash.
      const w = await call("query_warehouse", { project_dir: fixture, sql: "DROP TABLE tester.items" });
      wellFormed(w);
      expect(w.isError).toBe(true);
    }
    if (registered.has("describe_warehouse")) {
      const d = await call("describe_warehouse", { project_dir: fixture });
      covered.push("describe_warehouse");
      wellFormed(d);
      expect(JSON.stringify(d.structuredContent)).toContain("items");
    }
  }, 120_000);

  it.skipIf(!registered.has("scaffold"))("scaffold writes a new connector folder inside the workspace", async () => {
    const r = await call("scaffold", { project_dir: join(work, "scaffolded") }, work);
    covered.push("scaffold");
    wellFormed(r);
  }, 60_000);

  it("every other registered tool answers with a well-formed result or error", async () => {
    const special = new Set(["lint_connector", "run_debug", "query_warehouse", "describe_warehouse", "scaffold"]);
    // Tools that reach the network (pip, the Fivetran API) are only called with their own spec above.
    const openWorld = new Set(allTools.filter((t) => t.annotations.openWorldHint).map((t) => t.name));
    const rest = [...registered].filter((n) => !special.has(n) && !openWorld.has(n));
    // A copy, so destructive tools (reset_state) leave the fixture alone.
    const copy = join(work, "generic");
    cpSync(fixture, copy, { recursive: true });
    // Plausible arguments for tools that need more than a folder; unknown ids must get a clear error.
    const sample: Record<string, Record<string, string>> = {
      run_status: { run_id: "run-that-does-not-exist" },
      cancel_run: { run_id: "run-that-does-not-exist" },
      set_state: { state: '{"cursor":"2024-01-01T00:00:00Z"}' },
    };
    for (const name of rest) {
      const def = allTools.find((t) => t.name === name)!;
      const r = await call(name, { ...("project_dir" in def.input ? { project_dir: copy } : {}), ...(sample[name] ?? {}) }, copy);
      covered.push(name);
      wellFormed(r);
    }
    expect(covered.length).toBeGreaterThan(0);
  }, 180_000);
});
