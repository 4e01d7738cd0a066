import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RESOURCES_DIR } from "../paths.js";

/** Registers the content under resources/ as MCP resources; the code only indexes it. */
export function registerResources(server: McpServer): void {
  server.registerResource(
    "instructions",
    "connector-sdk://instructions",
    { title: "How to use this server", description: "The working loop: scaffold, lint, run, inspect.", mimeType: "text/markdown" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/markdown", text: readFileSync(join(RESOURCES_DIR, "instructions.md"), "utf8") }] }),
  );
}
