import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { registerLintResources } from "../../src/mcp/lint-resources.js";
import { registerTool } from "../../src/mcp/register.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { lintConnector } from "../../tools/lint_connector.js";
import { CASES } from "./cases.js";
import { cleanup, writeOverlay } from "./helpers.js";

afterAll(cleanup);

async function connect(root: string) {
  const server = new McpServer({ name: "t", version: "0" }, { capabilities: { logging: {}, resources: {}, completions: {} } });
  registerTool(server, lintConnector, new Workspace({ roots: [root], enforce: true }));
  registerLintResources(server);
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: "c", version: "0" });
  await client.connect(b);
  return client;
}

describe("lint_connector through an MCP client", () => {
  it("lists the tool with honest annotations and returns structured findings", async () => {
    const dir = realpathSync(writeOverlay(CASES.FT073.bad));
    const client = await connect(dirname(dir));
    const { tools } = await client.listTools();
    const t = tools.find((x) => x.name === "lint_connector")!;
    expect(t.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    const res = await client.callTool({ name: "lint_connector", arguments: { project_dir: dir, rules: ["FT073"] } });
    expect(res.isError).toBeFalsy();
    const data = res.structuredContent as { findings: { rule: string; fix?: { safe: boolean } }[]; summary: { warnings: number; fixable: number } };
    expect(data.findings.map((f) => f.rule)).toEqual(["FT073"]);
    expect(data.summary.fixable).toBe(1);

    const fixed = await client.callTool({ name: "lint_connector", arguments: { project_dir: dir, rules: ["FT073"], fix: true } });
    const after = fixed.structuredContent as { findings: unknown[]; fixed: { file: string; rules: string[] }[] };
    expect(after.findings).toEqual([]);
    expect(after.fixed).toEqual([{ file: "connector.py", rules: ["FT073"], edits: 2 }]);
    expect(readFileSync(join(dir, "connector.py"), "utf8")).toContain("timeout=__REQUEST_TIMEOUT_SECONDS");
  });

  it("turns bad input into an actionable error result", async () => {
    const dir = realpathSync(writeOverlay({}));
    const client = await connect(dirname(dir));
    const res = await client.callTool({ name: "lint_connector", arguments: { project_dir: dir, target_sdk: "not-a-version" } });
    expect(res.isError).toBe(true);
    expect(JSON.stringify(res.content)).toMatch(/target_sdk/);
    const outside = await client.callTool({ name: "lint_connector", arguments: { project_dir: "/" } });
    expect(outside.isError).toBe(true);
  });

  it("serves a doc per rule, the rule index and id completion", async () => {
    const client = await connect(realpathSync(dirname(writeOverlay({}))));
    const index = await client.readResource({ uri: "connector-sdk://lint-rules" });
    expect(String((index.contents[0] as { text: string }).text)).toContain("FT127");
    const doc = await client.readResource({ uri: "connector-sdk://lint-rules/FT035" });
    expect(String((doc.contents[0] as { text: string }).text)).toMatch(/^# FT035/);
    const list = await client.listResources();
    expect(list.resources.filter((r) => r.uri.startsWith("connector-sdk://lint-rules/")).length).toBeGreaterThanOrEqual(97);
    const completion = await client.complete({ ref: { type: "ref/resource", uri: "connector-sdk://lint-rules/{id}" }, argument: { name: "id", value: "FT05" } });
    expect(completion.completion.values).toContain("FT05B");
    await expect(client.readResource({ uri: "connector-sdk://lint-rules/FT999" })).rejects.toThrow(/Unknown lint rule/);
  });
});
