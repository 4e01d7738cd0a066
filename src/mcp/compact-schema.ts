import { z } from "zod";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

/**
 * The output schema as advertised in tools/list: the top-level field names and types; nested objects are
 * advertised as objects, and descriptions are left out. Output schemas repeated across tools (counts, findings,
 * errors, run results) made tools/list 55-68 K characters, most of it output schemas, which clients put in the
 * model's context on every turn; the tool's description and its text summary say what a result means. Results
 * are still validated against the full, described schema (register.ts), which stays the documentation in the code.
 */
export function advertisedOutput(shape: z.ZodRawShape, only?: readonly string[]): z.ZodType {
  const fields = Object.entries(shape).filter(([k]) => !only || only.includes(k));
  const obj = Object.fromEntries(fields.map(([k, v]) => [k, shallow(v as z.ZodType)]));
  // With `only`, the other fields are documented by the tool that shares them (run_status and cancel_run return
  // run_debug's fields): the schema lists the ones to branch on and lets the rest through.
  return only ? z.looseObject(obj) : z.object(obj);
}

/** Any JSON object: the shortest schema that still says "object". */
const ANY_OBJECT = z.looseObject({});

/**
 * One level deep: a nested object is advertised as an object (its fields are described in the top-level field's
 * description where they matter), an array of objects as an array of objects.
 */
function shallow(s: z.ZodType): z.ZodType {
  if (s instanceof z.ZodOptional) return shallow(s.unwrap() as z.ZodType).optional();
  if (s instanceof z.ZodNullable) return shallow(s.unwrap() as z.ZodType).nullable();
  if (s instanceof z.ZodObject || s instanceof z.ZodRecord) return ANY_OBJECT;
  if (s instanceof z.ZodArray) {
    const item = s.element as z.ZodType;
    return z.array(item instanceof z.ZodObject || item instanceof z.ZodRecord ? ANY_OBJECT : stripped(item));
  }
  return stripped(s);
}

/** The schema without any description, itself or nested. */
function stripped(s: z.ZodType): z.ZodType {
  if (s instanceof z.ZodOptional) return stripped(s.unwrap() as z.ZodType).optional();
  if (s instanceof z.ZodNullable) return stripped(s.unwrap() as z.ZodType).nullable();
  if (s instanceof z.ZodArray) return z.array(stripped(s.element as z.ZodType));
  if (s instanceof z.ZodObject) return z.object(Object.fromEntries(Object.entries(s.shape).map(([k, v]) => [k, stripped(v as z.ZodType)])));
  if (s instanceof z.ZodRecord) return z.record(s.keyType as z.ZodString, stripped(s.valueType as z.ZodType));
  if (s instanceof z.ZodUnion) return z.union((s.options as z.ZodType[]).map(stripped) as unknown as [z.ZodType, z.ZodType]);
  // Leaves are rebuilt from their type: a clone would keep the description.
  if (s instanceof z.ZodString) return z.string();
  if (s instanceof z.ZodNumber) return z.number();
  if (s instanceof z.ZodBoolean) return z.boolean();
  if (s instanceof z.ZodEnum) return z.enum(s.options as [string, ...string[]]);
  if (s instanceof z.ZodLiteral) return z.literal(s.value as string);
  if (s instanceof z.ZodUnknown) return z.unknown();
  if (s instanceof z.ZodAny) return z.unknown();
  return s;
}

type RequestHandler = (request: unknown, extra: unknown) => Promise<unknown>;
interface ListedTool {
  inputSchema?: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  execution?: { taskSupport?: string };
  [k: string]: unknown;
}

/**
 * Drops from each listed tool what says nothing: the `$schema` line of both schemas and `execution` when it is
 * the default (`taskSupport: "forbidden"`, which absence means too). The SDK offers no hook for its tools/list
 * answer, so its handler is wrapped; the budget test over the real list catches an SDK that changes this.
 */
export function compactToolList(server: McpServer): void {
  const handlers = (server.server as unknown as { _requestHandlers?: Map<string, RequestHandler> })._requestHandlers;
  const list = handlers?.get("tools/list");
  if (!handlers || !list) return;
  handlers.set("tools/list", async (request, extra) => {
    const res = (await list(request, extra)) as { tools?: ListedTool[] };
    for (const t of res.tools ?? []) {
      delete t.inputSchema?.$schema;
      delete t.outputSchema?.$schema;
      if (t.outputSchema) shortenObjects(t.outputSchema);
      if (t.inputSchema) dropDefaults(t.inputSchema);
      if (t.outputSchema) dropDefaults(t.outputSchema);
      if (t.execution && Object.keys(t.execution).length === 1 && t.execution.taskSupport === "forbidden") delete t.execution;
    }
    return res;
  });
}

/**
 * Removes what JSON Schema means by default anyway, at any depth: `propertyNames: {type: "string"}` (object keys
 * are strings), `additionalProperties: {}` (anything is allowed), and the ±2^53-1 bounds zod writes for an integer
 * without its own bound (JSON numbers in clients cannot go past them).
 */
function dropDefaults(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) dropDefaults(n);
    return;
  }
  if (!node || typeof node !== "object") return;
  const s = node as Record<string, unknown>;
  const names = s.propertyNames as Record<string, unknown> | undefined;
  if (names && Object.keys(names).length === 1 && names.type === "string") delete s.propertyNames;
  const extra = s.additionalProperties;
  if (extra && typeof extra === "object" && Object.keys(extra).length === 0) delete s.additionalProperties;
  if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
  if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
  for (const [k, v] of Object.entries(s)) if (k !== "default" && k !== "enum" && k !== "const") dropDefaults(v);
}

/** `{"type":"object","properties":{},"additionalProperties":{}}` (what an advertised nested object is) says no more than `{"type":"object"}`. */
function shortenObjects(schema: Record<string, unknown>): void {
  const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
  for (const p of Object.values(props ?? {})) {
    shorten(p);
    const items = p.items as Record<string, unknown> | undefined;
    if (items && typeof items === "object") shorten(items);
  }
}

function shorten(s: Record<string, unknown>): void {
  const props = s.properties as Record<string, unknown> | undefined;
  const extra = s.additionalProperties as Record<string, unknown> | undefined;
  if (s.type === "object" && props && Object.keys(props).length === 0 && extra && typeof extra === "object" && Object.keys(extra).length === 0) {
    delete s.properties;
    delete s.additionalProperties;
  }
}
