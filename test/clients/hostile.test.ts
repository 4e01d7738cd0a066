import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../../src/server.js";

/**
 * Hostile and malformed tool calls against the real server (every registered tool), answered the
 * way docs/hostile-inputs.md says: an isError result with a reason, never a crash, a protocol error
 * for a domain failure, or a touch outside the workspace.
 */
const base = realpathSync(mkdtempSync(join(tmpdir(), "hostile-")));
const ws = join(base, "ws");
const project = join(ws, "proj");
const outside = join(base, "outside");
mkdirSync(project, { recursive: true });
mkdirSync(outside, { recursive: true });
writeFileSync(join(project, "connector.py"), "# placeholder connector for path checks\n");
writeFileSync(join(project, "configuration.json"), "{}");
writeFileSync(join(outside, "connector.py"), "# outside\n");
symlinkSync(outside, join(ws, "link-out"));

let client: Client;
let toolNames: string[] = [];
let withProjectDir: string[] = [];
/** Harmless values for each tool's other required arguments, so the path is what gets checked. */
const required: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
  const { server } = createServer({ roots: [ws], env: {}, cwd: "/" });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  client = new Client({ name: "hostile", version: "0" });
  await client.connect(b);
  const { tools } = await client.listTools();
  toolNames = tools.map((t) => t.name);
  // Read-only and state tools are safe to aim at paths; runs, installs and deploys are not called here.
  withProjectDir = tools.filter((t) => "project_dir" in ((t.inputSchema.properties as Record<string, unknown> | undefined) ?? {}) && !t.annotations?.openWorldHint).map((t) => t.name);
  for (const t of tools) {
    const props = (t.inputSchema.properties ?? {}) as Record<string, { type?: string }>;
    required[t.name] = Object.fromEntries(
      (t.inputSchema.required ?? [])
        .filter((k) => k !== "project_dir")
        .map((k) => [k, ({ string: "SELECT 1", object: {}, number: 1, integer: 1, boolean: false, array: [] } as Record<string, unknown>)[props[k]?.type ?? "string"]]),
    );
  }
});

afterAll(async () => {
  await client.close();
});

function text(res: Awaited<ReturnType<Client["callTool"]>>): string {
  return (res.content as { text: string }[])[0]?.text ?? "";
}

describe("hostile tool calls", () => {
  it("an unknown tool is an isError result, not a protocol error", async () => {
    const res = await client.callTool({ name: "no_such_tool", arguments: {} });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/no_such_tool not found/);
  });

  it("wrong argument types are refused by the schema, naming the field", async () => {
    expect(withProjectDir.length).toBeGreaterThan(0);
    for (const name of withProjectDir) {
      const res = await client.callTool({ name, arguments: { project_dir: 42 } });
      expect(res.isError, name).toBe(true);
      expect(text(res), name).toMatch(/project_dir/);
    }
  });

  const badPaths: [string, string | (() => string), RegExp][] = [
    ["outside folder", () => outside, /outside_workspace/],
    ["../ escape", "../../../../etc", /outside_workspace/],
    ["absolute system folder", "/etc", /outside_workspace/],
    ["symlink out of the workspace", () => join(ws, "link-out"), /outside_workspace/],
    ["NUL byte", () => `${project}\0/etc`, /NUL/],
    ["very long path", () => `${project}/${"a/".repeat(5000)}`, /limit is 4096/],
    ["over-long name", () => `${project}/${"n".repeat(1000)}`, /longer than 255/],
  ];
  for (const [what, value, expected] of badPaths) {
    it(`project_dir: ${what} is refused by every tool that takes a folder`, async () => {
      const p = typeof value === "function" ? value() : value;
      for (const name of withProjectDir) {
        const res = await client.callTool({ name, arguments: { ...required[name], project_dir: p } });
        expect(res.isError, name).toBe(true);
        expect(text(res), name).toMatch(expected);
      }
    });
  }

  it("an oversized argument (5 MB) is answered, not crashed on", async () => {
    const name = withProjectDir[0];
    const res = await client.callTool({ name, arguments: { ...required[name], project_dir: "x".repeat(5_000_000) } });
    expect(res.isError).toBe(true);
    // The error echoes no 5 MB value back to the model.
    expect(text(res).length).toBeLessThan(10_000);
  });

  it("unknown extra arguments are ignored, and the server keeps answering", async () => {
    const name = withProjectDir[0];
    const res = await client.callTool({ name, arguments: { ...required[name], project_dir: project, __proto__: { polluted: true }, constructor: "x", extra: [1, 2, 3] } });
    expect(res.content).toBeDefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(toolNames.length).toBe((await client.listTools()).tools.length);
  });
});
