import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_RESULT_CHARS, registerTool, successResult, TRUNCATED_META_KEY } from "../../src/mcp/register.js";
import { formatJson, shrinkJson } from "../../src/mcp/shrink.js";
import { defineTool } from "../../src/mcp/tool.js";
import { createServer } from "../../src/server.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { REPO_ROOT } from "../helpers/env.js";

/**
 * Every tool the server registers when this runs, checked against what real clients accept
 * (reference/mcp-clients.md §2.3, §2.4, §6 D 16–23). New tools are covered as they land.
 */

// The server key we publish in mcp.json and the README; clients put it in front of tool names.
const mcpJson = JSON.parse(readFileSync(join(REPO_ROOT, "mcp.json"), "utf8")) as { mcpServers: Record<string, unknown> };
const SERVER_KEYS = Object.keys(mcpJson.mcpServers);

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema | Schema[];
  description?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  [k: string]: unknown;
};

/** Every problem in a schema that some client rejects, as readable strings. */
function schemaProblems(schema: Schema, where: string, described = true): string[] {
  const out: string[] = [];
  if (schema.type !== "object") out.push(`${where}: top-level type is ${JSON.stringify(schema.type)}, not "object"`);
  if (!schema.properties || typeof schema.properties !== "object") out.push(`${where}: no "properties" (Copilot CLI: object schema missing properties)`);
  for (const k of ["anyOf", "oneOf", "allOf", "not"]) if (k in schema) out.push(`${where}: top-level ${k} (Anthropic/Vertex/Azure reject it)`);
  const walk = (s: Schema, path: string, isProperty: boolean) => {
    if (!s || typeof s !== "object") return;
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.includes("array") && !s.items) out.push(`${path}: array without items (VS Code, OpenAI reject it)`);
    if (types.includes("array") && types.includes("null")) out.push(`${path}: ["array","null"] type (Gemini via Copilot CLI breaks)`);
    if (described && isProperty && !s.description && !(s.anyOf ?? s.oneOf ?? s.allOf)?.some((x) => x.description)) out.push(`${path}: no description`);
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${path}.${k}`, true);
    const items = Array.isArray(s.items) ? s.items : s.items ? [s.items] : [];
    items.forEach((it, i) => walk(it, `${path}[${items.length > 1 ? i : ""}]`, false));
    for (const k of ["anyOf", "oneOf", "allOf"] as const) (s[k] ?? []).forEach((x, i) => walk(x, `${path}<${k}${i}>`, false));
    if (s.additionalProperties && typeof s.additionalProperties === "object") walk(s.additionalProperties, `${path}{*}`, false);
  };
  walk(schema, where, false);
  return out;
}

describe("client limits over the real tool list", () => {
  let tools: Tool[] = [];
  let instructions: string | undefined;

  beforeAll(async () => {
    const { server } = createServer({ env: {} });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: "limits", version: "0" });
    await client.connect(b);
    tools = (await client.listTools()).tools;
    instructions = client.getInstructions();
    await client.close();
  });

  it("has tools, few enough for Cursor (40 across all servers) and with unique names", () => {
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.length).toBeLessThanOrEqual(40);
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
  });

  it("names match every client's pattern and fit with the clients' prefixes", () => {
    const bad: string[] = [];
    for (const { name } of tools) {
      // Claude Desktop rejects the whole list unless ^[a-zA-Z0-9_-]{1,64}$; we hold the stricter house rule.
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) bad.push(`${name}: fails Claude Desktop's pattern`);
      if (!/^[a-z][a-z0-9_]{0,31}$/.test(name)) bad.push(`${name}: fails ^[a-z][a-z0-9_]{0,31}$`);
      for (const key of SERVER_KEYS) {
        // Claude Code: mcp__<server>__<tool> must stay within the API's 64 characters.
        if (`mcp__${key}__${name}`.length > 64) bad.push(`${name}: mcp__${key}__${name} is over 64`);
        // Cursor drops a tool whose server name + tool name exceeds 60 characters.
        if (key.length + name.length > 60) bad.push(`${name}: ${key}+${name} is over Cursor's 60`);
      }
    }
    expect(SERVER_KEYS.length).toBeGreaterThan(0);
    for (const key of SERVER_KEYS) expect(key, "server keys: letters and digits only (Claude Code, VS Code)").toMatch(/^[a-z0-9]{1,16}$/);
    expect(bad).toEqual([]);
  });

  it("descriptions are present, under 1 KB (Claude Code cuts at 2 KB) and give no orders to the model", () => {
    const bad: string[] = [];
    for (const t of tools) {
      const d = t.description ?? "";
      if (d.length < 20) bad.push(`${t.name}: description too short`);
      if (d.length > 1024) bad.push(`${t.name}: description is ${d.length} characters`);
      // Directory reviewers treat directives as prompt injection.
      if (/\b(you must|you should always|always call|IMPORTANT:)/i.test(d)) bad.push(`${t.name}: behavioural directive in description`);
      if (!t.title && !t.annotations?.title) bad.push(`${t.name}: no title`);
    }
    expect(bad).toEqual([]);
    expect(instructions, "server instructions").toBeTruthy();
    expect((instructions ?? "").length, "server instructions under 2 KB").toBeLessThanOrEqual(2048);
  });

  it("every tool carries all four annotations and a title", () => {
    const bad: string[] = [];
    for (const t of tools) {
      for (const k of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
        if (typeof t.annotations?.[k] !== "boolean") bad.push(`${t.name}: ${k} missing`);
      }
      if (!t.annotations?.title) bad.push(`${t.name}: annotations.title missing`);
      if (t.annotations?.readOnlyHint && t.annotations?.destructiveHint) bad.push(`${t.name}: read-only and destructive`);
    }
    expect(bad).toEqual([]);
  });

  it("input and output schemas have the shapes every client accepts, and every input field is described", () => {
    const bad: string[] = [];
    for (const t of tools) {
      bad.push(...schemaProblems(t.inputSchema as Schema, `${t.name}.input`));
      // The SDK client rejects the whole tools/list on an outputSchema without type "object".
      if (!t.outputSchema) bad.push(`${t.name}: no outputSchema`);
      // Output schemas are advertised without descriptions (src/mcp/compact-schema.ts: the tools/list budget);
      // the full, described schema validates every result in register.ts.
      else bad.push(...schemaProblems(t.outputSchema as Schema, `${t.name}.output`, false));
    }
    expect(bad).toEqual([]);
  });

  it("each tool stays small: what the model reads under 2 KB, the whole entry under 8 KB", () => {
    // Name, description and input schema are what clients put in front of the model (Claude Desktop
    // does not show outputSchema); the reference aims at 2 KB per tool for those.
    const read = tools.map((t) => ({ name: t.name, bytes: JSON.stringify({ n: t.name, d: t.description, i: t.inputSchema }).length }));
    expect(read.filter((s) => s.bytes > 2048)).toEqual([]);
    const whole = tools.map((t) => ({ name: t.name, bytes: JSON.stringify(t).length }));
    expect(whole.filter((s) => s.bytes > 8192)).toEqual([]);
    for (const t of tools) {
      const declared = t._meta?.["anthropic/maxResultSizeChars"];
      if (declared !== undefined) expect(declared as number).toBeLessThanOrEqual(500_000);
    }
  });
});

describe("result size guard", () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `row number ${i}`, note: "x".repeat(40) }));

  it("small results pass through untouched: structuredContent and the same JSON as text", () => {
    const r = successResult("two rows", { rows: rows.slice(0, 2) });
    expect(r.structuredContent).toEqual({ rows: rows.slice(0, 2) });
    expect(JSON.parse((r.content[0] as { text: string }).text)).toEqual(r.structuredContent);
    expect(r._meta).toBeUndefined();
  });

  it("a long array is cut at item boundaries; text and structuredContent stay identical, valid JSON", () => {
    const r = successResult("many rows", { total: rows.length, rows });
    const texts = r.content.map((c) => (c as { text: string }).text);
    expect(texts.join("").length).toBeLessThanOrEqual(MAX_RESULT_CHARS);
    // Not cut far below what fits.
    expect(texts[0].length).toBeGreaterThan(MAX_RESULT_CHARS * 0.8);
    const parsed = JSON.parse(texts[0]) as { total: number; rows: typeof rows };
    expect(parsed).toEqual(r.structuredContent);
    expect(parsed.total).toBe(20_000);
    expect(parsed.rows.length).toBeGreaterThan(100);
    expect(parsed.rows.length).toBeLessThan(20_000);
    expect(parsed.rows[parsed.rows.length - 1]).toEqual(rows[parsed.rows.length - 1]);
    expect(texts[texts.length - 1]).toMatch(new RegExp(`rows: kept ${parsed.rows.length} of 20000 items`));
    expect(r._meta?.[TRUNCATED_META_KEY]).toEqual([{ path: "rows", kind: "items", kept: parsed.rows.length, total: 20_000 }]);
  });

  it("one huge string inside a list is cut before the list loses items", () => {
    const log = "line\n".repeat(200_000);
    const r = successResult("", {
      runs: [
        { id: 1, log },
        { id: 2, log: "short" },
      ],
    });
    const parsed = JSON.parse((r.content[0] as { text: string }).text) as { runs: { id: number; log: string }[] };
    expect(parsed.runs.map((x) => x.id)).toEqual([1, 2]);
    expect(parsed.runs[0].log).toMatch(/… \[cut: \d+ of 1000000 characters\]$/);
    expect((r.content[0] as { text: string }).text.length).toBeLessThanOrEqual(MAX_RESULT_CHARS);
  });

  it("never splits a surrogate pair and handles escape-heavy strings", () => {
    const { value } = shrinkJson({ s: "😀".repeat(50_000), q: '"\\'.repeat(50_000) }, 20_000);
    const v = value as { s: string; q: string };
    expect(formatJson(v).length).toBeLessThanOrEqual(20_000);
    expect(v.s).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(v.s))).toBe(v.s);
  });

  it("nested arrays and a top-level array shrink too", () => {
    const { value, cuts } = shrinkJson(
      Array.from({ length: 50 }, (_, i) => ({ i, cells: Array.from({ length: 500 }, (_, j) => j) })),
      10_000,
    );
    expect(formatJson(value).length).toBeLessThanOrEqual(10_000);
    expect(cuts.length).toBeGreaterThan(0);
  });

  it("a free-form map of many small values (a state with a cursor per entity) loses keys from its end; fixed objects keep theirs", () => {
    const state = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`entity_${i}`, "2024-01-01T00:00:00Z"]));
    const counts = { upserts: 1, updates: 0, deletes: 0 };
    const r = successResult("", { status: "succeeded", counts, state, log_tail: ["a line"] });
    expect(r.isError).toBeFalsy();
    const parsed = JSON.parse((r.content[0] as { text: string }).text) as { counts: unknown; state: Record<string, string>; log_tail: string[] };
    expect(parsed.counts).toEqual(counts);
    expect(parsed.log_tail).toEqual(["a line"]);
    const kept = Object.keys(parsed.state);
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.length).toBeLessThan(40_000);
    expect(kept.slice(0, 3)).toEqual(["entity_0", "entity_1", "entity_2"]);
    expect((r.content.at(-1) as { text: string }).text).toMatch(new RegExp(`state: kept ${kept.length} of 40000 keys`));
    expect((r.content[0] as { text: string }).text.length).toBeLessThanOrEqual(MAX_RESULT_CHARS);
  });

  it("long summaries are cut, and a result that cannot keep its schema becomes a clear error", () => {
    const r = successResult("s".repeat(100_000), { ok: true });
    expect((r.content[1] as { text: string }).text.length).toBeLessThan(5_000);
    const bad = successResult("", { rows }, { validate: () => false });
    expect(bad.isError).toBe(true);
    expect((bad.content[0] as { text: string }).text).toMatch(/Narrow the request/);
  });

  it("through a real server and SDK client: a 2 MB result arrives shortened and passes the client's output-schema check", async () => {
    const big = defineTool({
      name: "big_rows",
      title: "Big rows",
      description: "Returns many rows, to test the size guard.",
      input: { n: z.number().int().describe("how many rows") },
      output: {
        count: z.number().describe("rows made"),
        rows: z.array(z.object({ id: z.number().describe("id"), name: z.string().describe("name"), note: z.string().describe("note") })).describe("the rows"),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      async handle(args) {
        return { summary: `${args.n} rows`, data: { count: args.n, rows: rows.slice(0, args.n) } };
      },
    });
    const server = new McpServer({ name: "t", version: "0" }, { capabilities: {} });
    registerTool(server, big, new Workspace({ env: {} }));
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: "c", version: "0" });
    await client.connect(b);
    await client.listTools(); // the client validates structuredContent against the schemas it cached here
    const res = await client.callTool({ name: "big_rows", arguments: { n: 20_000 } });
    expect(res.isError).toBeFalsy();
    const texts = (res.content as { text: string }[]).map((c) => c.text);
    expect(JSON.parse(texts[0])).toEqual(res.structuredContent);
    expect(texts.join("").length).toBeLessThanOrEqual(MAX_RESULT_CHARS);
    expect(texts.at(-1)).toMatch(/^Note: this result was shortened/);
    await client.close();
  });
});

describe("result shape", () => {
  async function clientFor(data: unknown) {
    const tool = defineTool({
      name: "shape",
      title: "Shape",
      description: "Returns whatever the test hands it, to check the output contract.",
      input: {},
      output: {
        status: z.string().describe("status"),
        nested: z
          .object({ n: z.number().describe("n") })
          .optional()
          .describe("nested"),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      async handle() {
        return { summary: "", data: data as { status: string } };
      },
    });
    const server = new McpServer({ name: "t", version: "0" }, { capabilities: {} });
    registerTool(server, tool, new Workspace({ env: {} }));
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: "c", version: "0" });
    await client.connect(b);
    await client.listTools();
    return client;
  }

  it("keys a handler adds beyond its output schema are dropped, so the SDK client (additionalProperties: false) accepts the result", async () => {
    const client = await clientFor({ status: "ok", extra: 1, nested: { n: 2, stray: "x" } });
    const res = await client.callTool({ name: "shape", arguments: {} });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toEqual({ status: "ok", nested: { n: 2 } });
    expect(JSON.parse((res.content as { text: string }[])[0].text)).toEqual(res.structuredContent);
    await client.close();
  });

  it("a result of the wrong shape is an isError result naming the field, not a protocol error", async () => {
    const client = await clientFor({ status: 5 });
    const res = await client.callTool({ name: "shape", arguments: {} });
    expect(res.isError).toBe(true);
    expect((res.content as { text: string }[])[0].text).toMatch(/Error \(internal\): shape produced a result that does not match its output schema \(status:/);
    await client.close();
  });
});
