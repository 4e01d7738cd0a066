import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RESOURCES_DIR } from "../paths.js";
import { allGuidelinesMarkdown, exampleIndex, guidelineTopics, readGuideline } from "../scaffold/content.js";
import { AUTH_TYPES, DATABASE_DRIVERS, listChoices, PAGINATION_TYPES, resolveOptions, SOURCE_TYPES, STORAGE_TYPES, SUPPORT, SYNC_MODES, type ScaffoldOptions } from "../scaffold/options.js";
import { renderConnector } from "../scaffold/render.js";

const startsWith = (values: readonly string[], prefix: string | undefined) => values.filter((v) => v.startsWith(prefix ?? ""));

/** Registers the content under resources/ as MCP resources; the code only indexes it. */
export function registerResources(server: McpServer): void {
  server.registerResource(
    "instructions",
    "connector-sdk://instructions",
    { title: "How to use this server", description: "The working loop: scaffold, lint, run, inspect.", mimeType: "text/markdown" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/markdown", text: readFileSync(join(RESOURCES_DIR, "instructions.md"), "utf8") }] }),
  );

  server.registerResource(
    "guidelines",
    "connector-sdk://guidelines",
    { title: "Connector guidelines (all topics)", description: "Every guideline topic in one document.", mimeType: "text/markdown" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/markdown", text: allGuidelinesMarkdown() }] }),
  );

  server.registerResource(
    "guideline",
    new ResourceTemplate("connector-sdk://guidelines/{topic}", {
      list: async () => ({
        resources: guidelineTopics().map((t) => ({ uri: `connector-sdk://guidelines/${t.topic}`, name: t.topic, title: t.title, description: t.summary, mimeType: "text/markdown" })),
      }),
      complete: {
        topic: (value) =>
          startsWith(
            guidelineTopics().map((t) => t.topic),
            value,
          ),
      },
    }),
    { title: "Connector guideline", description: "One guideline topic, e.g. pagination or state-and-checkpoints.", mimeType: "text/markdown" },
    async (uri, vars) => ({ contents: [{ uri: uri.href, mimeType: "text/markdown", text: readGuideline(String(vars.topic)).markdown }] }),
  );

  server.registerResource(
    "scaffold-choices",
    "connector-sdk://scaffold/choices",
    { title: "Scaffold choices", description: "Sources, auth, pagination and sync modes scaffold offers, and which combine.", mimeType: "application/json" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(listChoices(), null, 2) }] }),
  );

  server.registerResource(
    "pattern",
    new ResourceTemplate("connector-sdk://patterns/{source_type}/{auth}/{pagination}/{sync}", {
      list: undefined,
      complete: {
        source_type: (value) => startsWith(SOURCE_TYPES, value),
        auth: (value, ctx) => startsWith(SUPPORT[(ctx?.arguments?.source_type as keyof typeof SUPPORT) ?? "rest_api"]?.auth ?? AUTH_TYPES, value),
        pagination: (value, ctx) => startsWith(SUPPORT[(ctx?.arguments?.source_type as keyof typeof SUPPORT) ?? "rest_api"]?.pagination ?? PAGINATION_TYPES, value),
        sync: (value) => startsWith(SYNC_MODES, value),
      },
    }),
    {
      title: "Connector pattern",
      description: "The connector.py scaffold renders for one source/auth/pagination/sync combination, e.g. connector-sdk://patterns/rest_api/bearer/cursor/incremental_cursor.",
      mimeType: "text/x-python",
    },
    async (uri, vars) => {
      const opts: ScaffoldOptions = {
        source_type: String(vars.source_type) as ScaffoldOptions["source_type"],
        auth: String(vars.auth) as ScaffoldOptions["auth"],
        pagination: String(vars.pagination) as ScaffoldOptions["pagination"],
        sync: String(vars.sync) as ScaffoldOptions["sync"],
      };
      return { contents: [{ uri: uri.href, mimeType: "text/x-python", text: renderConnector(resolveOptions(opts)) }] };
    },
  );

  // Where a source has variants (files: local or s3 storage; databases: their driver), a fifth segment picks one.
  // A second template rather than {?storage,driver}: the SDK's matcher needs every query parameter present.
  server.registerResource(
    "pattern-variant",
    new ResourceTemplate("connector-sdk://patterns/{source_type}/{auth}/{pagination}/{sync}/{variant}", {
      list: undefined,
      complete: {
        source_type: (value) => startsWith(["file", "database"], value),
        auth: (value, ctx) => startsWith(SUPPORT[(ctx?.arguments?.source_type as keyof typeof SUPPORT) ?? "file"]?.auth ?? AUTH_TYPES, value),
        pagination: (value, ctx) => startsWith(SUPPORT[(ctx?.arguments?.source_type as keyof typeof SUPPORT) ?? "file"]?.pagination ?? PAGINATION_TYPES, value),
        sync: (value) => startsWith(SYNC_MODES, value),
        variant: (value, ctx) =>
          startsWith(ctx?.arguments?.source_type === "database" ? DATABASE_DRIVERS : ctx?.arguments?.source_type === "file" ? STORAGE_TYPES : [...STORAGE_TYPES, ...DATABASE_DRIVERS], value),
      },
    }),
    {
      title: "Connector pattern (storage or driver)",
      description:
        "The connector.py scaffold renders for a file source on one storage or a database source with one driver, e.g. connector-sdk://patterns/file/none/none/incremental_cursor/s3 or .../database/none/offset/full/postgresql.",
      mimeType: "text/x-python",
    },
    async (uri, vars) => {
      const source = String(vars.source_type) as ScaffoldOptions["source_type"];
      const variant = String(vars.variant);
      const opts: ScaffoldOptions = {
        source_type: source,
        auth: String(vars.auth) as ScaffoldOptions["auth"],
        pagination: String(vars.pagination) as ScaffoldOptions["pagination"],
        sync: String(vars.sync) as ScaffoldOptions["sync"],
        ...(source === "file" ? { storage: variant as ScaffoldOptions["storage"] } : { driver: variant as ScaffoldOptions["driver"] }),
      };
      return { contents: [{ uri: uri.href, mimeType: "text/x-python", text: renderConnector(resolveOptions(opts)) }] };
    },
  );

  server.registerResource(
    "examples",
    "connector-sdk://examples",
    { title: "Example connector index", description: "Fivetran's public example connectors by source, auth, pagination and operation, with links.", mimeType: "application/json" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(exampleIndex(), null, 1) }] }),
  );
}
