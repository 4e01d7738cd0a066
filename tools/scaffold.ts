import { z } from "zod";
import { createFolder, openProject } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { described } from "../src/schema-fields.js";
import {
  AUTH_TYPES,
  DATABASE_DRIVERS,
  OPERATION_STYLES,
  PAGINATION_TYPES,
  SOURCE_TYPES,
  STORAGE_TYPES,
  SUPPORT,
  SYNC_MODES,
  paginationsOf,
  scaffoldProject,
  type TableSpec,
} from "../src/scaffold/index.js";

// Compact on purpose: clients show about 2 KB of a tool to the model, and the enums already list every value.
const listOf = (vals: readonly string[], all: readonly string[]) => (vals.length === all.length ? "any" : vals.join("|"));
const paged = SOURCE_TYPES.filter((s) => SUPPORT[s].pagination.length > 1)
  .map((s) => `${s} ${listOf(SUPPORT[s].pagination, PAGINATION_TYPES)}`)
  .join(", ");

export const scaffoldTool = defineTool({
  name: "scaffold",
  title: "Scaffold a connector",
  description: "Creates a connector from tested patterns (all lint clean and run); call it first. No options: an offline sample. " + `Pagination: ${paged}, others none.`,
  input: {
    project_dir: z.string().describe("Folder (absolute)."),
    name: z.string().optional().describe("Title."),
    source_type: z.enum(SOURCE_TYPES).optional().describe("Kind of source."),
    auth: z.enum(AUTH_TYPES).optional().describe("Auth (APIs only)."),
    pagination: z.enum(PAGINATION_TYPES).optional().describe("Tables' default (none)."),
    sync: z.enum(SYNC_MODES).default("incremental_cursor").describe("Sync mode."),
    tables: z
      .array(
        z.object({
          name: z.string().describe("snake_case name."),
          primary_key: z.array(z.string()).optional().describe("Default id."),
          parent: z.string().optional().describe("Parent table."),
          parent_key: z.string().optional().describe("Parent key column."),
          path: z.string().optional().describe("REST path."),
          // A string, not the enum again: the top-level enum lists the values, and resolveOptions checks them.
          pagination: z.string().optional().describe("Override."),
          page_size: z.number().int().optional().describe("Rows per page."),
          cursor_field: z.string().optional().describe("Updated-at field."),
        }),
      )
      .optional()
      .describe("Tables to sync."),
    base_url: z.string().optional().describe("API base URL."),
    storage: z.enum(STORAGE_TYPES).optional().describe("file only."),
    driver: z.enum(DATABASE_DRIVERS).optional().describe("database only."),
    operation_style: z.enum(OPERATION_STYLES).optional().describe("Default yield."),
    overwrite: z.boolean().optional().describe("Replace existing files."),
  },
  output: {
    project_dir: z.string().describe("The folder the files were written to."),
    files: z.array(z.string()).describe("Files written, relative to project_dir."),
    overwritten: z.array(z.string()).describe("Files that existed and were replaced (only with overwrite)."),
    pattern: z
      .object({
        ...described(z.string(), {
          source_type: "Source type used.",
          auth: "Authentication used.",
          pagination: "Pagination used (tables' default).",
          sync: "Sync mode used.",
          operation_style: "Operation style used.",
        }),
        ...described(z.string().optional(), { storage: "File storage used.", driver: "Database driver used." }),
        tables: z
          .array(
            z.object({
              name: z.string().describe("Table"),
              primary_key: z.array(z.string()).describe("Primary key"),
              ...described(z.string().optional(), { parent: "Parent table", parent_key: "Parent key column" }),
              pagination: z.string().describe("Pagination"),
              page_size: z.number().describe("Page size"),
              cursor_field: z.string().describe("Cursor field"),
            }),
          )
          .describe("Tables with their settings."),
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
        // The table's pagination is a plain string in the schema (size budget); resolveOptions rejects unknown values.
        tables: args.tables as TableSpec[] | undefined,
        base_url: args.base_url,
        operation_style: args.operation_style,
        storage: args.storage,
        driver: args.driver,
      },
      args.overwrite ?? false,
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
      summary: `Scaffolded a ${o.source}${o.storage || o.driver ? ` (${o.storage ?? o.driver})` : ""} connector (${o.auth}, ${paginationsOf(o).join("+")}, ${o.sync}) in ${dir}: ${r.written.join(", ")}.`,
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
          tables: o.tables.map((t) => ({
            name: t.name,
            primary_key: t.primaryKey,
            ...(t.parent ? { parent: t.parent, parent_key: t.parentKey } : {}),
            pagination: t.pagination,
            page_size: t.pageSize,
            cursor_field: t.cursorField,
          })),
        },
        configuration_keys: r.configurationKeys,
        next_steps: next,
      },
    };
  },
});
