import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { searchExamples } from "../src/scaffold/content.js";
import { described } from "../src/schema-fields.js";

export const findExamplesTool = defineTool({
  name: "find_examples",
  title: "Find Fivetran example connectors",
  description:
    "Searches an index of Fivetran's public example connectors by pattern; each match has a summary and a GitHub " +
    "link, to read a proven implementation before adapting one. Filters combine (all must match) and use the " +
    "scaffold's names where they overlap (pagination next_url, keyset_timestamp; auth bearer, ...); an unknown " +
    "value returns the known ones.",
  input: {
    auth: z.string().max(100).optional().describe("Authentication pattern, e.g. oauth2_refresh_token."),
    pagination: z.string().max(100).optional().describe("Pagination pattern, e.g. next_url."),
    source: z.string().max(100).optional().describe("Source kind, e.g. database."),
    operation: z.string().max(100).optional().describe("An operation the example uses besides upsert/checkpoint, e.g. delete or truncate."),
    sync: z.enum(["full", "incremental_cursor"]).optional().describe("Sync mode."),
    text: z.string().max(500).optional().describe("Words that must all appear in the path or summary, e.g. 'retry'."),
    runs_offline: z.boolean().optional().describe("true: only examples that run with no network or external service."),
    limit: z.coerce.number().int().min(1).max(50).default(10).describe("Most matches to return."),
  },
  output: {
    total: z.number().describe("How many examples matched before the limit."),
    examples: z
      .array(
        z.object({
          ...described(z.string(), {
            path: "Path in its repository",
            summary: "What it shows",
            source: "Source kind",
            auth: "Authentication",
            pagination: "Pagination",
            sync: "Sync mode",
          }),
          operations: z.array(z.string()).describe("Operations used"),
          runs_offline: z.boolean().describe("Runs without network or external services"),
          url: z.string().describe("GitHub link"),
        }),
      )
      .describe("Matching examples."),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args) {
    const r = searchExamples(args);
    const shown = r.matches.length < r.total ? ` (showing ${r.matches.length}; raise limit or add filters)` : "";
    return {
      summary: r.total ? `${r.total} example(s) match${shown}: ${r.matches.map((e) => e.path).join(", ")}.` : "No example matches; drop a filter.",
      data: { total: r.total, examples: r.matches },
    };
  },
});
