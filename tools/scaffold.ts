import { z } from "zod";
import { createFolder, openProject } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { AUTH_TYPES, DATABASE_DRIVERS, OPERATION_STYLES, PAGINATION_TYPES, SOURCE_TYPES, STORAGE_TYPES, SUPPORT, SYNC_MODES, scaffoldProject } from "../src/scaffold/index.js";

// Compact on purpose: clients show about 2 KB of a tool to the model, and the enums already list every value.
const listOf = (vals: readonly string[], all: readonly string[]) => (vals.length === all.length ? "any" : vals.join("|"));
const offered = SOURCE_TYPES.filter((s) => SUPPORT[s].auth.length > 1 || SUPPORT[s].pagination.length > 1)
  .map((s) => `${s}: ${SUPPORT[s].auth.length > 1 ? `auth ${listOf(SUPPORT[s].auth, AUTH_TYPES)}, ` : ""}pagination ${listOf(SUPPORT[s].pagination, PAGINATION_TYPES)}`)
  .join("; ");

export const scaffoldTool = defineTool({
  name: "scaffold",
  title: "Scaffold a connector",
  description:
    "Creates a connector project from tested patterns; call it first when asked to build a connector. " +
    "No options gives a runnable offline sample. " +
    `Offered: ${offered}; others none. All lint clean and run.`,
  input: {
    project_dir: z.string().describe("Target folder (absolute)."),
    name: z.string().optional().describe("Title, e.g. 'Acme CRM'."),
    source_type: z.enum(SOURCE_TYPES).default("sample").describe("Kind of source."),
    auth: z.enum(AUTH_TYPES).default("none").describe("Auth (APIs only)."),
    pagination: z.enum(PAGINATION_TYPES).default("none").describe("Pagination style."),
    sync: z.enum(SYNC_MODES).default("incremental_cursor").describe("Sync mode."),
    tables: z
      .array(
        z.object({
          name: z.string().describe("snake_case name."),
          primary_key: z.array(z.string()).optional().describe("Default ['id']."),
          parent: z.string().optional().describe("Parent table."),
          path: z.string().optional().describe("REST path."),
        }),
      )
      .optional()
      .describe("Tables to sync."),
    base_url: z.string().optional().describe("API base URL."),
    storage: z.enum(STORAGE_TYPES).optional().describe("file only."),
    driver: z.enum(DATABASE_DRIVERS).optional().describe("database only."),
    operation_style: z.enum(OPERATION_STYLES).default("yield").describe("yield or direct."),
    overwrite: z.boolean().default(false).describe("Replace existing files."),
  },
  output: {
    project_dir: z.string().describe("The folder the files were written to."),
    files: z.array(z.string()).describe("Files written, relative to project_dir."),
    overwritten: z.array(z.string()).describe("Files that existed and were replaced (only with overwrite)."),
    pattern: z
      .object({
        source_type: z.string().describe("Source type used."),
        auth: z.string().describe("Authentication used."),
        pagination: z.string().describe("Pagination used."),
        sync: z.string().describe("Sync mode used."),
        operation_style: z.string().describe("Operation style used."),
        storage: z.string().optional().describe("File storage used."),
        driver: z.string().optional().describe("Database driver used."),
        tables: z
          .array(z.object({ name: z.string().describe("Table"), primary_key: z.array(z.string()).describe("Primary key"), parent: z.string().optional().describe("Parent table") }))
          .describe("Tables with their keys."),
      })
      .describe("The resolved choices, defaults applied."),
    configuration_keys: z.array(z.string()).describe("Keys to fill in configuration.json before the first run."),
    next_steps: z.array(z.string()).describe("What to do next, in order."),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handle(args, ctx) {
    const checked = await ctx.workspace.projectDir(args.project_dir, false);
    createFolder(checked);
    // Security: the folder exists now; its real path is checked against the workspace again, and every file is then
    // written through the project layer against that real path (a folder swapped for a link is refused at the write).
    const project = await openProject(ctx, checked);
    const dir = project.root;
    const r = scaffoldProject(
      project,
      {
        name: args.name,
        source_type: args.source_type,
        auth: args.auth,
        pagination: args.pagination,
        sync: args.sync,
        tables: args.tables,
        base_url: args.base_url,
        operation_style: args.operation_style,
        storage: args.storage,
        driver: args.driver,
      },
      args.overwrite,
    );
    const o = r.options;
    const next = [
      ...(r.configurationKeys.length ? [`Fill configuration.json: ${r.configurationKeys.join(", ")} (README.md describes each).`] : []),
      ...(o.source === "sample" ? [] : ["Adapt TABLES and the record handling in connector.py to the real source (README.md, section 'Adapting it')."]),
      "Run lint_connector and fix any finding.",
      "Run run_debug, then describe_warehouse / query_warehouse to check the rows.",
      ...(o.sync === "incremental_cursor" ? ["Run run_debug again: the second run should write only new or changed rows."] : []),
    ];
    return {
      summary: `Scaffolded a ${o.source}${o.storage || o.driver ? ` (${o.storage ?? o.driver})` : ""} connector (${o.auth}, ${o.pagination}, ${o.sync}) in ${dir}: ${r.written.join(", ")}.`,
      data: {
        project_dir: dir,
        files: r.written,
        overwritten: r.overwritten,
        pattern: {
          source_type: o.source,
          auth: o.auth,
          pagination: o.pagination,
          sync: o.sync,
          operation_style: o.operationStyle,
          ...(o.storage ? { storage: o.storage } : {}),
          ...(o.driver ? { driver: o.driver } : {}),
          tables: o.tables.map((t) => ({ name: t.name, primary_key: t.primaryKey, ...(t.parent ? { parent: t.parent } : {}) })),
        },
        configuration_keys: r.configurationKeys,
        next_steps: next,
      },
    };
  },
});
