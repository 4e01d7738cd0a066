import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../../src/server.js";

/**
 * The one output convention, checked over what a client really sees: the tool list as the server registers it and
 * the JSON Schema of each tool's input and output. A tool added, removed or renamed fails here until this list says so.
 */
const TOOLS = [
  "scaffold",
  "lint_connector",
  "run_debug",
  "run_status",
  "cancel_run",
  "query_warehouse",
  "describe_warehouse",
  "get_state",
  "set_state",
  "reset_state",
  "diff_state",
  "install_requirements",
  "evaluate_connector",
  "run_setup_tests",
  "deploy",
  "get_guidelines",
  "find_examples",
  "sample_source",
  "crash_resume",
  "inject_faults",
  "make_receipt",
  "check_receipt",
];

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

type Schema = { [key: string]: unknown };

/** Every property name in a JSON Schema, with its path; record keys (additionalProperties) are data, not names. */
function propertyNames(schema: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(schema)) {
    for (const s of schema) propertyNames(s, path, out);
    return out;
  }
  if (!schema || typeof schema !== "object") return out;
  const s = schema as Schema;
  if (s.properties && typeof s.properties === "object") {
    for (const [name, sub] of Object.entries(s.properties as Schema)) {
      out.push(`${path}.${name}`);
      propertyNames(sub, `${path}.${name}`, out);
    }
  }
  for (const key of ["items", "anyOf", "oneOf", "allOf", "additionalProperties", "prefixItems", "not"]) {
    if (key in s) propertyNames(s[key], `${path}${key === "items" ? "[]" : ""}`, out);
  }
  for (const key of ["$defs", "definitions"]) {
    if (s[key] && typeof s[key] === "object") for (const sub of Object.values(s[key] as Schema)) propertyNames(sub, path, out);
  }
  return out;
}

describe("tool conventions over the registered tool list", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "conventions-")));
  let client: Client;
  let tools: Awaited<ReturnType<Client["listTools"]>>["tools"];

  beforeAll(async () => {
    const { server } = createServer({ roots: [root], toolsets: ["proof"] });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    client = new Client({ name: "conventions", version: "0" });
    await client.connect(b);
    tools = (await client.listTools()).tools;
  });

  afterAll(async () => {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("registers exactly these tools, in this order", () => {
    expect(tools.map((t) => t.name)).toEqual(TOOLS);
  });

  it("offers the proof toolset's tools only when asked for", async () => {
    const { server } = createServer({ roots: [root] });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const plain = new Client({ name: "conventions-default", version: "0" });
    await plain.connect(b);
    const names = (await plain.listTools()).tools.map((t) => t.name);
    await plain.close();
    const proof = ["crash_resume", "inject_faults", "make_receipt", "check_receipt"];
    expect(names).toEqual(TOOLS.filter((n) => !proof.includes(n)));
  });

  it("every tool declares an output schema", () => {
    const without = tools.filter((t) => !t.outputSchema).map((t) => t.name);
    expect(without).toEqual([]);
  });

  it("every result field, at any depth, is snake_case", () => {
    const bad = tools.flatMap((t) => propertyNames(t.outputSchema, t.name, []).filter((p) => !SNAKE.test(p.slice(p.lastIndexOf(".") + 1))));
    expect(bad).toEqual([]);
  });

  it("every input argument is snake_case", () => {
    const bad = tools.flatMap((t) => propertyNames(t.inputSchema, t.name, []).filter((p) => !SNAKE.test(p.slice(p.lastIndexOf(".") + 1))));
    expect(bad).toEqual([]);
  });

  it("the check sees nested fields (a camelCase key deep in a schema is caught)", () => {
    const names = propertyNames({ type: "object", properties: { a: { type: "array", items: { anyOf: [{ type: "object", properties: { deepName: {} } }] } } } }, "x", []);
    expect(names).toEqual(["x.a", "x.a[].deepName"]);
    expect(names.filter((p) => !SNAKE.test(p.slice(p.lastIndexOf(".") + 1)))).toEqual(["x.a[].deepName"]);
  });
});
