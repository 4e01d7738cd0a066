import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { parseArgs } from "node:util";
import { createServer } from "../server.js";
import { shutdownAll } from "../lifecycle.js";
import type { CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp serve [--workspace DIR]...

Serves MCP on stdio. stdout carries protocol messages only; diagnostics go to stderr.
  --workspace DIR   a folder connector paths must stay inside (repeatable); client roots add to it`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { workspace: { type: "string", multiple: true } }, allowPositionals: false });
  const { server } = createServer({ roots: values.workspace ?? [] });
  const transport = new StdioServerTransport();

  let closing = false;
  const close = async (why: string) => {
    if (closing) return;
    closing = true;
    io.err(`fivetran-connector-mcp: shutting down (${why})`);
    await shutdownAll();
    await server.close().catch(() => {});
    process.exit(0);
  };
  // Clients end a stdio server by closing its stdin; some send a signal instead.
  process.stdin.on("end", () => void close("stdin closed"));
  process.stdin.on("close", () => void close("stdin closed"));
  process.on("SIGINT", () => void close("SIGINT"));
  process.on("SIGTERM", () => void close("SIGTERM"));

  await server.connect(transport);
  io.err("fivetran-connector-mcp: serving MCP on stdio");
  return -1;
}
