import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createServer } from "../../src/server.js";

/** The whole server (every tool, resource and prompt) behind the MCP SDK's own Client, over an in-memory pair. */
export async function connectClient(roots: string[]): Promise<Client> {
  const { server } = createServer({ roots });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: "agent-loop-test", version: "0" });
  await client.connect(b);
  return client;
}

export type ToolAnswer = { isError: boolean; data: Record<string, unknown>; text: string };

/** Calls a tool and returns its structured result (or the error text), as an agent reads it. */
export async function call(client: Client, name: string, args: Record<string, unknown>, timeout = 120_000): Promise<ToolAnswer> {
  const res = await client.callTool({ name, arguments: args }, undefined, { timeout });
  const content = (res.content ?? []) as { type: string; text?: string }[];
  const text = content.map((c) => c.text ?? "").join("\n");
  return { isError: Boolean(res.isError), data: (res.structuredContent ?? {}) as Record<string, unknown>, text };
}
