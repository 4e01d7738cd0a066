import { listChoices, paginationsOf, scaffoldProject, type ScaffoldOptions, type TableSpec } from "../scaffold/index.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_OK, UsageError, runCommand, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp scaffold <DIR> [options]
fivetran-connector-mcp scaffold --list [--json]

Creates a connector in DIR from tested patterns: connector.py, configuration.json, requirements.txt,
README.md and .gitignore. With no options it makes a runnable offline sample connector.
  --source TYPE        sample (default), rest_api, graphql, database, file
  --auth TYPE          none (default), api_key_header, api_key_query, bearer, basic,
                       oauth2_client_credentials, oauth2_refresh_token (rest_api, graphql)
  --pagination TYPE    none (default), page_number, offset, cursor, link_header, next_url, keyset_timestamp
  --sync MODE          incremental_cursor (default) or full
  --storage TYPE       file source: local (default) or s3 (Amazon S3 or S3-compatible, via boto3)
  --driver TYPE        database source: sqlite (default), postgresql (psycopg2) or mysql (PyMySQL)
  --table SPEC         a table, repeatable: name[:pk1+pk2][@parent], e.g. --table users --table orders@users
  --tables-json JSON   the tables as the MCP tool takes them, with per-table settings, e.g.
                       '[{"name":"orders","primary_key":["order_no"],"pagination":"cursor","page_size":50}]'
  --page-size N        rows per page (per batch for a database) for tables that set none
  --cursor-field NAME  the updated-at field for tables that set none (default updated_at)
  --name TITLE         the connector's title
  --base-url URL       API base URL for configuration.json (rest_api, graphql)
  --operation-style S  yield (default, as the seed guidelines ask) or direct
  --overwrite          replace existing files
  --list               print the choices and which combine, then exit
  --json               machine-readable output`;

/** name[:pk1+pk2][@parent] */
function parseTable(spec: string): TableSpec {
  const m = /^([^:@]+)(?::([^@]+))?(?:@(.+))?$/.exec(spec.trim());
  if (!m) throw new UsageError(`--table '${spec}' is not name[:pk1+pk2][@parent]`);
  return { name: m[1], ...(m[2] ? { primary_key: m[2].split("+") } : {}), ...(m[3] ? { parent: m[3] } : {}) };
}

/** --tables-json: a JSON array of table objects; resolveOptions checks every field. */
function parseTablesJson(text: string, table: string[] | undefined): TableSpec[] {
  if (table?.length) throw new UsageError("--tables-json and --table do not combine; give every table in --tables-json");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError('--tables-json is not JSON; pass an array such as \'[{"name":"orders","primary_key":["order_no"]}]\'');
  }
  if (!Array.isArray(parsed) || !parsed.every((t) => t !== null && typeof t === "object" && typeof (t as { name?: unknown }).name === "string")) {
    throw new UsageError("--tables-json must be an array of objects, each with a name");
  }
  return parsed as TableSpec[];
}

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(
    argv,
    io,
    {
      source: { type: "string" },
      auth: { type: "string" },
      pagination: { type: "string" },
      sync: { type: "string" },
      storage: { type: "string" },
      driver: { type: "string" },
      table: { type: "string", multiple: true },
      "tables-json": { type: "string" },
      "page-size": { type: "string" },
      "cursor-field": { type: "string" },
      name: { type: "string" },
      "base-url": { type: "string" },
      "operation-style": { type: "string" },
      overwrite: { type: "boolean", default: false },
      list: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    async (values, positionals, json) => {
      if (values.list) {
        const c = listChoices();
        if (json) io.out(JSON.stringify(c, null, 2));
        else {
          io.out(`Scaffold offers ${c.combinations} source (storage, driver) × auth × pagination × sync combinations:\n`);
          for (const s of c.source_type) {
            const variant = s.storage ? `\n            storage: ${s.storage.join(", ")} (--storage)` : s.driver ? `\n            driver: ${s.driver.join(", ")} (--driver)` : "";
            io.out(
              `  ${s.value.padEnd(9)} ${s.description}${variant}\n            auth: ${s.auth.join(", ")}\n            pagination: ${s.pagination.join(", ")}${s.child_tables ? "\n            child tables (--table child@parent)" : ""}`,
            );
          }
          io.out("\nAuth:");
          for (const a of c.auth) io.out(`  ${a.value.padEnd(26)} ${a.description}`);
          io.out("\nPagination:");
          for (const p of c.pagination) io.out(`  ${p.value.padEnd(17)} ${p.description}`);
          io.out("\nSync:");
          for (const s of c.sync) io.out(`  ${s.value.padEnd(19)} ${s.description}`);
          io.out("\nStorage (--source file):");
          for (const s of c.storage) io.out(`  ${s.value.padEnd(6)} ${s.description}`);
          io.out("\nDriver (--source database):");
          for (const d of c.driver) io.out(`  ${d.value.padEnd(11)} ${d.description}`);
        }
        return EXIT_OK;
      }
      if (positionals.length !== 1) throw new UsageError(`scaffold takes one folder, got ${positionals.length}`);
      const dir = await new Workspace().projectDir(positionals[0], false);
      const opts: ScaffoldOptions = {
        name: values.name,
        source_type: values.source as ScaffoldOptions["source_type"],
        auth: values.auth as ScaffoldOptions["auth"],
        pagination: values.pagination as ScaffoldOptions["pagination"],
        sync: values.sync as ScaffoldOptions["sync"],
        tables: values["tables-json"] !== undefined ? parseTablesJson(values["tables-json"], values.table) : values.table?.map(parseTable),
        page_size: values["page-size"] === undefined ? undefined : Number(values["page-size"]),
        cursor_field: values["cursor-field"],
        base_url: values["base-url"],
        operation_style: values["operation-style"] as ScaffoldOptions["operation_style"],
        storage: values.storage as ScaffoldOptions["storage"],
        driver: values.driver as ScaffoldOptions["driver"],
      };
      const r = scaffoldProject(dir, opts, values.overwrite);
      if (json) {
        io.out(JSON.stringify({ project_dir: dir, files: r.written, overwritten: r.overwritten, configuration_keys: r.configurationKeys, options: r.options }, null, 2));
      } else {
        const o = r.options;
        io.out(`Scaffolded a ${o.source}${o.storage || o.driver ? ` (${o.storage ?? o.driver})` : ""} connector (auth ${o.auth}, pagination ${paginationsOf(o).join("+")}, sync ${o.sync}) in ${dir}`);
        for (const f of r.written) io.out(`  ${r.overwritten.includes(f) ? "replaced" : "created "} ${f}`);
        if (r.configurationKeys.length) io.out(`Next: fill ${r.configurationKeys.join(", ")} in configuration.json (README.md describes each).`);
        io.out(`Then: fivetran-connector-mcp lint ${positionals[0]} && fivetran-connector-mcp debug ${positionals[0]}`);
      }
      return EXIT_OK;
    },
  );
}
