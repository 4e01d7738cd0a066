import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { AUTH_TYPES, OPERATION_STYLES, PAGINATION_TYPES, SOURCE_TYPES, SUPPORT, SYNC_MODES, scaffoldProject } from "../src/scaffold/index.js";

const offered = SOURCE_TYPES.map((s) => `${s} (auth: ${SUPPORT[s].auth.join("|")}; pagination: ${SUPPORT[s].pagination.join("|")})`).join("; ");

export const scaffoldTool = defineTool({
  name: "scaffold",
  title: "Scaffold a connector",
  description:
    "Creates a new Fivetran Connector SDK project from tested patterns: connector.py, configuration.json (string placeholders), " +
    "requirements.txt, README.md (documents every configuration key) and .gitignore. Call it first when asked to build a connector " +
    "instead of writing one from scratch. With no options it makes a runnable offline 'sample' connector. Offered combinations: " +
    `${offered}; sync full or incremental_cursor. Every combination is lint-clean and runs as generated. ` +
    "Existing files are never replaced unless overwrite is true. Next: fill configuration.json, adapt TABLES and the record " +
    "fields to the real source, then lint_connector and run_debug. The choices are also in the connector-sdk://scaffold/choices resource.",
  input: {
    project_dir: z.string().describe("Folder to create the connector in (absolute path recommended); created if missing."),
    name: z.string().max(80).optional().describe("Human title for the connector, used in the docstring and README, e.g. 'Acme CRM'."),
    source_type: z.enum(SOURCE_TYPES).default("sample").describe("Kind of source: sample (offline demo data), rest_api, graphql, database (DB-API, sqlite3), file (CSV/JSON files in a folder)."),
    auth: z.enum(AUTH_TYPES).default("none").describe("Authentication for rest_api and graphql; other sources take none."),
    pagination: z.enum(PAGINATION_TYPES).default("none").describe("Pagination style; see the offered list in the description for what each source supports."),
    sync: z.enum(SYNC_MODES).default("incremental_cursor").describe("full re-reads everything each sync; incremental_cursor reads rows updated after the cursor kept in state."),
    tables: z
      .array(
        z.object({
          name: z.string().describe("Table name, lowercase snake_case, not an SQL reserved word."),
          primary_key: z.array(z.string()).optional().describe("Primary-key columns; default ['id'], or [<parent>_id, 'id'] for a child table."),
          parent: z.string().optional().describe("Parent table name: rows are fetched once per parent row (rest_api and sample only)."),
          path: z.string().optional().describe("REST path relative to base_url; a child's path must contain {parent_id}. Default: the table name."),
        }),
      )
      .max(20)
      .optional()
      .describe("Tables to sync. Default: users plus an orders child table for sample and rest_api, users otherwise."),
    base_url: z.string().optional().describe("API base URL to put in configuration.json instead of the placeholder (rest_api, graphql)."),
    operation_style: z.enum(OPERATION_STYLES).default("yield").describe("yield (as the seed guidelines ask; works on every SDK) or direct calls (SDK 2.0+ style)."),
    overwrite: z.boolean().default(false).describe("Replace existing files of the same names. Without it nothing is written if any exists."),
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
        tables: z.array(z.object({ name: z.string().describe("Table"), primary_key: z.array(z.string()).describe("Primary key"), parent: z.string().optional().describe("Parent table") })).describe("Tables with their keys."),
      })
      .describe("The resolved choices, defaults applied."),
    configuration_keys: z.array(z.string()).describe("Keys to fill in configuration.json before the first run."),
    next_steps: z.array(z.string()).describe("What to do next, in order."),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handle(args, ctx) {
    const dir = await ctx.workspace.projectDir(args.project_dir, false);
    // Security: each target goes through the sandbox, so a symlinked file cannot redirect a write.
    for (const f of ["connector.py", "configuration.json", "requirements.txt", "README.md", ".gitignore"]) ctx.workspace.inside(dir, f);
    const r = scaffoldProject(
      dir,
      {
        name: args.name,
        source_type: args.source_type,
        auth: args.auth,
        pagination: args.pagination,
        sync: args.sync,
        tables: args.tables,
        base_url: args.base_url,
        operation_style: args.operation_style,
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
      summary: `Scaffolded a ${o.source} connector (${o.auth}, ${o.pagination}, ${o.sync}) in ${dir}: ${r.written.join(", ")}.`,
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
          tables: o.tables.map((t) => ({ name: t.name, primary_key: t.primaryKey, ...(t.parent ? { parent: t.parent } : {}) })),
        },
        configuration_keys: r.configurationKeys,
        next_steps: next,
      },
    };
  },
});
