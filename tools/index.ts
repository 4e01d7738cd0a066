import type { AnyToolDefinition } from "../src/mcp/tool.js";

/**
 * Every MCP tool the server offers, one file each. Order is the order clients list them in:
 * the core loop first (scaffold, lint, run, query), then the rest.
 */
export const allTools: AnyToolDefinition[] = [];
