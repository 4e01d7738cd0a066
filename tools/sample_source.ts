import { z } from "zod";
import { openProject, projectDirInput } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { readConfiguration } from "../src/runner/configuration-file.js";
import { sampleSource } from "../src/source/sample.js";
import { Redactor } from "../src/workspace/redact.js";

export const sampleSourceTool = defineTool({
  name: "sample_source",
  title: "Sample a source endpoint",
  description:
    "One read-only GET to the source, to see the API's shape: status, paging headers, the body (capped) and, for " +
    "JSON, the record keys. {key} in the url or a header is filled from configuration.json (masked in the result).",
  input: {
    project_dir: projectDirInput,
    url: z.string().min(1).max(4000).describe("http(s) URL, e.g. '{base_url}/items?limit=2'."),
    headers: z.record(z.string(), z.string()).default({}).describe('Headers, e.g. {"Authorization": "Bearer {api_key}"}.'),
    max_bytes: z.coerce.number().int().min(256).max(200_000).default(20_000).describe("Body bytes read at most."),
    timeout_seconds: z.coerce.number().min(1).max(30).default(10).describe("Time limit."),
  },
  output: {
    method: z.literal("GET").describe("Always GET."),
    url: z.string().describe("The URL requested, secrets masked."),
    status: z.number().describe("HTTP status."),
    content_type: z.string().describe("Content-Type."),
    headers: z.record(z.string(), z.string()).describe("Paging, rate-limit and type headers."),
    body: z.string().describe("The body as text (up to max_bytes), secrets masked."),
    body_bytes: z.number().describe("Bytes read."),
    truncated: z.boolean().describe("True when the body was longer than max_bytes."),
    json: z
      .object({
        top_level_keys: z.array(z.string()).describe("Keys of the top-level object."),
        records_at: z.string().optional().describe("The key holding the first array (the records)."),
        record_count: z.number().optional().describe("Items in that array."),
        record_keys: z.array(z.string()).optional().describe("Keys of its first item."),
      })
      .optional()
      .describe("For a complete JSON body: where the records are and their field names."),
    duration_ms: z.number().describe("Wall time."),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handle(args, ctx) {
    const dir = (await openProject(ctx, args.project_dir)).root;
    // The values fill {key} placeholders; a file Python would refuse simply fills none (run_debug reports it).
    const configuration = readConfiguration(dir) ?? {};
    const r = await sampleSource({
      url: args.url,
      headers: args.headers,
      configuration,
      redactor: new Redactor(configuration),
      maxBytes: args.max_bytes,
      timeoutMs: args.timeout_seconds * 1000,
      signal: ctx.signal,
    });
    const shape = r.json?.record_keys ? ` ${r.json.record_count} record(s) under ${r.json.records_at}, keys: ${r.json.record_keys.join(", ")}.` : "";
    // A cut JSON body cannot be parsed for its keys: say how to get them rather than leave the agent reading text.
    const more =
      r.truncated && /json/i.test(r.content_type)
        ? ` The JSON was cut at max_bytes, so its keys are not listed: ask the API for fewer rows (a page-size parameter) or raise max_bytes (up to 200000).`
        : "";
    return { summary: `GET ${r.url} → HTTP ${r.status} (${r.body_bytes} bytes${r.truncated ? ", truncated" : ""}).${shape}${more}`, data: r };
  },
});
