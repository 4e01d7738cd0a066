import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { RootsListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toolsFor, type Toolset } from "../tools/index.js";
import { compactToolList } from "./mcp/compact-schema.js";
import { registerTool } from "./mcp/register.js";
import { registerResources } from "./mcp/resources.js";
import { registerPrompts } from "./mcp/prompts.js";
import { registerLintResources } from "./mcp/lint-resources.js";
import { PACKAGE_ROOT, RESOURCES_DIR } from "./paths.js";
import { Workspace, type WorkspaceOptions } from "./workspace/workspace.js";

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { name: string; version: string };
export const SERVER_VERSION = pkg.version;

export type ServerOptions = WorkspaceOptions & {
  /** Toolsets to offer beside the core tools (tools/index.ts). */
  toolsets?: readonly Toolset[];
};

/** Builds the MCP server with the core tools (and the toolsets asked for), resources and prompts; the caller connects a transport. */
export function createServer(opts: ServerOptions = {}): { server: McpServer; workspace: Workspace } {
  const workspace = new Workspace({ ...opts, enforce: opts.enforce ?? true });
  const server = new McpServer(
    { name: pkg.name, version: pkg.version },
    {
      capabilities: { logging: {}, tools: {}, resources: {}, prompts: {}, completions: {} },
      instructions: readFileSync(join(RESOURCES_DIR, "instructions.md"), "utf8"),
    },
  );

  workspace.rootsProvider = async () => {
    if (!server.server.getClientCapabilities()?.roots) return [];
    const { roots } = await server.server.listRoots(undefined, { timeout: 5_000 });
    return roots.filter((r) => r.uri.startsWith("file://")).map((r) => decodeURIComponent(new URL(r.uri).pathname));
  };
  server.server.setNotificationHandler(RootsListChangedNotificationSchema, async () => {
    workspace.invalidateClientRoots();
  });

  for (const tool of toolsFor(opts.toolsets)) registerTool(server, tool, workspace);
  compactToolList(server);
  registerResources(server);
  registerPrompts(server, workspace);
  registerLintResources(server);
  return { server, workspace };
}
