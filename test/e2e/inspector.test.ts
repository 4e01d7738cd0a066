import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { allTools } from "../../tools/index.js";
import { ensureBuilt } from "../helpers/built.js";
import { REPO_ROOT } from "../helpers/env.js";

/**
 * The built server driven by the MCP Inspector, pinned in devDependencies (0.15.0: the last release whose CLI runs
 * on Node 20). The Inspector's CLI binary starts the server afresh for each command; it is run once here (tools/list),
 * and every other call goes through the same Inspector client code (its stdio transport and its callTool, which
 * converts string arguments by the tool's schema as the CLI does) over one server process for the whole file.
 * The tool list is pinned: a tool added or removed fails here until the expectations below say what it returns.
 */
const run = promisify(execFile);
const INSPECTOR_BIN = join(REPO_ROOT, "node_modules", ".bin", "mcp-inspector");
const INSPECTOR_CLI = join(REPO_ROOT, "node_modules", "@modelcontextprotocol", "inspector", "cli", "build");

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

/** The parts of the Inspector CLI's modules this suite drives (the package ships JavaScript without types). */
interface InspectorClientModule {
  connect(client: Client, transport: Transport): Promise<void>;
  disconnect(transport: Transport): Promise<void>;
  callTool(client: Client, name: string, args: Record<string, string>): Promise<unknown>;
  listTools(client: Client): Promise<{ tools: { name: string }[] }>;
  listResources(client: Client): Promise<{ resources: { uri: string }[] }>;
  readResource(client: Client, uri: string): Promise<{ contents: { text?: string }[] }>;
}
interface InspectorTransportModule {
  createTransport: (options: { transportType: "stdio"; command: string; args: string[] }) => Transport;
}

let inspector: InspectorClientModule;
let transport: Transport;
const client = new Client({ name: "inspector-cli", version: "0.15.0" });

async function call(tool: string, args: Record<string, string | number | boolean>): Promise<CallResult> {
  const strings = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return (await inspector.callTool(client, tool, strings)) as CallResult;
}

/** The result contract every tool keeps (mcp-clients.md §6 21, 22), and whether this call was to fail. */
function wellFormed(r: CallResult, expectError: boolean): void {
  expect(Array.isArray(r.content) && r.content.length > 0).toBe(true);
  expect(r.isError ?? false, r.content[0]?.text).toBe(expectError);
  if (r.isError) {
    expect(r.content[0].text).toMatch(/^Error \(\w+\): /);
  } else {
    expect(r.structuredContent).toBeTypeOf("object");
    expect(JSON.parse(r.content[0].text)).toEqual(r.structuredContent);
  }
}

const registered = allTools.map((t) => t.name);
const covered: string[] = [];

beforeAll(async () => {
  cli = ensureBuilt();
  mkdirSync(fixture, { recursive: true });
  writeFileSync(join(fixture, "connector.py"), CONNECTOR);
  writeFileSync(join(fixture, "configuration.json"), "{}\n");
  writeFileSync(join(fixture, "requirements.txt"), "");
  inspector = (await import(join(INSPECTOR_CLI, "client", "index.js"))) as InspectorClientModule;
  const { createTransport } = (await import(join(INSPECTOR_CLI, "transport.js"))) as InspectorTransportModule;
  transport = createTransport({ transportType: "stdio", command: process.execPath, args: [cli, "--workspace", work, "--toolsets", "proof"] });
  await inspector.connect(client, transport);
}, 180_000);

afterAll(async () => {
  await inspector?.disconnect(transport);
  rmSync(work, { recursive: true, force: true });
  process.stderr.write(`inspector e2e: tools called: ${covered.join(", ") || "none"}; registered: ${registered.join(", ")}\n`);
});

describe("MCP Inspector against the built server", () => {
  it("the Inspector CLI binary lists exactly the registered tools", async () => {
    const { stdout } = await run(INSPECTOR_BIN, ["--cli", process.execPath, cli, "--workspace", fixture, "--toolsets", "proof", "--method", "tools/list"], {
      cwd: "/",
      timeout: 60_000,
      maxBuffer: 20_000_000,
    });
    const { tools } = JSON.parse(stdout) as { tools: { name: string }[] };
    expect(tools.map((t) => t.name)).toEqual(registered);
    expect((await inspector.listTools(client)).tools.map((t) => t.name)).toEqual(registered);
  }, 60_000);

  it("resources/list and resources/read", async () => {
    const { resources } = await inspector.listResources(client);
    expect(resources.length).toBeGreaterThan(0);
    const read = await inspector.readResource(client, resources[0].uri);
    expect(read.contents[0].text?.length ?? 0).toBeGreaterThan(50);
  }, 60_000);

  it("lint_connector on the fixture", async () => {
    const r = await call("lint_connector", { project_dir: fixture });
    covered.push("lint_connector");
    wellFormed(r, false);
  }, 60_000);

  it("run_debug syncs the fixture, then query_warehouse and describe_warehouse read it", async () => {
    const r = await call("run_debug", { project_dir: fixture, wait_seconds: 25 });
    covered.push("run_debug");
    wellFormed(r, false);
    const sc = r.structuredContent as { status?: string; error?: unknown };
    expect(sc.status, `run failed: ${JSON.stringify(sc.error)}`).toBe("succeeded");

    const q = await call("query_warehouse", { project_dir: fixture, sql: "SELECT count(*) AS n FROM tester.items" });
    covered.push("query_warehouse");
    wellFormed(q, false);
    expect(q.structuredContent?.rows).toEqual([[3]]);
    // A write through the read-only path is refused as a result, not a crash.
    const w = await call("query_warehouse", { project_dir: fixture, sql: "DROP TABLE tester.items" });
    wellFormed(w, true);
    expect(w.content[0].text).toMatch(/^Error \(query_rejected\)/);

    const d = await call("describe_warehouse", { project_dir: fixture });
    covered.push("describe_warehouse");
    wellFormed(d, false);
    expect((d.structuredContent?.tables as { name: string }[]).map((t) => t.name)).toEqual(["items"]);
  }, 120_000);

  it("scaffold writes a new connector folder inside the workspace", async () => {
    const r = await call("scaffold", { project_dir: join(work, "scaffolded") });
    covered.push("scaffold");
    wellFormed(r, false);
  }, 60_000);

  it("every other tool that stays on this machine answers as expected on a copy of the fixture", async () => {
    // Tools that reach the network (pip, the Fivetran API) are only called by their own suites.
    const openWorld = new Set(allTools.filter((t) => t.annotations.openWorldHint).map((t) => t.name));
    expect([...openWorld].sort()).toEqual(["crash_resume", "deploy", "evaluate_connector", "inject_faults", "install_requirements", "make_receipt", "run_debug", "run_setup_tests", "sample_source"]);
    // A copy, so destructive tools (reset_state) leave the fixture alone; run_debug above left a state in it.
    const copy = join(work, "generic");
    cpSync(fixture, copy, { recursive: true });
    // Arguments and the outcome each tool must give; unknown run ids must get a clear error.
    const cases: Record<string, { args: Record<string, string>; error: boolean }> = {
      run_status: { args: { run_id: "run-that-does-not-exist" }, error: true },
      cancel_run: { args: { run_id: "run-that-does-not-exist" }, error: true },
      get_state: { args: { project_dir: copy }, error: false },
      set_state: { args: { project_dir: copy, state: '{"cursor":"2024-01-01T00:00:00Z"}' }, error: false },
      diff_state: { args: { project_dir: copy }, error: false },
      reset_state: { args: { project_dir: copy }, error: false },
      get_guidelines: { args: {}, error: false },
      find_examples: { args: {}, error: false },
      // No receipt in the fixture: a clear error.
      check_receipt: { args: { project_dir: copy }, error: true },
    };
    const special = new Set(["lint_connector", "run_debug", "query_warehouse", "describe_warehouse", "scaffold"]);
    expect(registered.filter((n) => !special.has(n) && !openWorld.has(n))).toEqual(Object.keys(cases).sort((a, b) => registered.indexOf(a) - registered.indexOf(b)));
    for (const name of registered.filter((n) => n in cases)) {
      const r = await call(name, cases[name].args);
      covered.push(name);
      wellFormed(r, cases[name].error);
    }
  }, 180_000);
});
