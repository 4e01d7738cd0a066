import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ToolError } from "../../src/errors.js";
import { registerTool } from "../../src/mcp/register.js";
import { defineTool } from "../../src/mcp/tool.js";
import { Workspace } from "../../src/workspace/workspace.js";

// A tool defined in the test exercises the glue alone: result shape, error mapping, progress.
const echo = defineTool({
  name: "echo_dir",
  title: "Echo dir",
  description: "Resolves project_dir and echoes it.",
  input: { project_dir: z.string().optional().describe("folder"), fail: z.boolean().default(false).describe("throw a ToolError") },
  output: { dir: z.string().describe("resolved folder") },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    ctx.progress(1, 2, "half");
    if (args.fail) throw new ToolError("invalid_argument", "told to fail", "pass fail=false");
    const dir = await ctx.workspace.projectDir(args.project_dir);
    ctx.progress(2, 2);
    return { summary: `dir is ${dir}`, data: { dir } };
  },
});

async function connect(workspace: Workspace) {
  const server = new McpServer({ name: "t", version: "0" }, { capabilities: { logging: {} } });
  registerTool(server, echo, workspace);
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: "c", version: "0" });
  await client.connect(b);
  return client;
}

describe("tool glue", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "glue-")));

  it("returns structuredContent and the same JSON as text, with progress", async () => {
    const client = await connect(new Workspace({ roots: [root], enforce: true }));
    const progress: number[] = [];
    const res = await client.callTool({ name: "echo_dir", arguments: { project_dir: root } }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toEqual({ dir: root });
    const content = res.content as { type: string; text: string }[];
    expect(JSON.parse(content[0].text)).toEqual({ dir: root });
    expect(content[1].text).toBe(`dir is ${root}`);
    expect(progress).toEqual([1, 2]);
  });

  it("maps a ToolError to isError with the hint", async () => {
    const client = await connect(new Workspace({ roots: [root], enforce: true }));
    const res = await client.callTool({ name: "echo_dir", arguments: { fail: true } });
    expect(res.isError).toBe(true);
    const text = (res.content as { text: string }[])[0].text;
    expect(text).toContain("Error (invalid_argument): told to fail");
    expect(text).toContain("Next: pass fail=false");
  });

  it("refuses a folder outside the workspace", async () => {
    const client = await connect(new Workspace({ roots: [root], enforce: true }));
    const res = await client.callTool({ name: "echo_dir", arguments: { project_dir: "/etc" } });
    expect(res.isError).toBe(true);
    expect((res.content as { text: string }[])[0].text).toContain("outside_workspace");
  });
});
