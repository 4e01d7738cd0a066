import type { AuthType, PaginationType, ResolvedOptions, ResolvedTable } from "./options.js";
import { DESCRIPTIONS, PAGINATION_TYPES, SUPPORT } from "./options.js";
import { loadFragment, renderTemplate } from "./template.js";

/** One configuration key as README.md documents it. */
export interface ConfigKey {
  key: string;
  placeholder: string;
  example: string;
  description: string;
  rule: string;
  secret: boolean;
  /** Optional keys may be empty strings in configuration.json (never left as placeholders). */
  required: boolean;
}

/** A URL key: not a secret, and https unless it is a local test server. */
function urlKey(placeholder: string, example: string, description: string): Omit<ConfigKey, "key" | "required"> {
  return { placeholder, example, description, rule: "Starts with https:// (http:// only for a local test server).", secret: false };
}

const KEYS: Record<string, Omit<ConfigKey, "key" | "required"> & { required?: false }> = {
  base_url: urlKey("<YOUR_API_BASE_URL>", "https://api.example.com/v1", "Base URL of the API; table paths are appended to it."),
  graphql_url: urlKey("<YOUR_GRAPHQL_ENDPOINT_URL>", "https://api.example.com/graphql", "The GraphQL endpoint every query is posted to."),
  api_key: { placeholder: "<YOUR_API_KEY>", example: "sk_live_…", description: "API key issued by the source.", rule: "Non-empty; never commit the real value.", secret: true },
  api_token: { placeholder: "<YOUR_API_TOKEN>", example: "ghp_…", description: "Bearer token (personal access or API token).", rule: "Non-empty; never commit the real value.", secret: true },
  username: { placeholder: "<YOUR_USERNAME>", example: "sync-user", description: "Username for HTTP Basic authentication.", rule: "Non-empty.", secret: false },
  password: { placeholder: "<YOUR_PASSWORD>", example: "…", description: "Password for HTTP Basic authentication.", rule: "Non-empty; never commit the real value.", secret: true },
  token_url: urlKey("<YOUR_OAUTH_TOKEN_URL>", "https://auth.example.com/oauth/token", "OAuth 2.0 token endpoint."),
  client_id: { placeholder: "<YOUR_CLIENT_ID>", example: "3f2a…", description: "OAuth 2.0 client id of your app.", rule: "Non-empty.", secret: false },
  client_secret: { placeholder: "<YOUR_CLIENT_SECRET>", example: "…", description: "OAuth 2.0 client secret of your app.", rule: "Non-empty; never commit the real value.", secret: true },
  refresh_token: {
    placeholder: "<YOUR_REFRESH_TOKEN>",
    example: "…",
    description: "Long-lived OAuth 2.0 refresh token obtained once through the provider's consent flow.",
    rule: "Non-empty; never commit the real value.",
    secret: true,
  },
  database_path: {
    placeholder: "<PATH_TO_SQLITE_DATABASE_FILE>",
    example: "/data/source.sqlite",
    description: "Path of the SQLite database file to read (opened read-only).",
    rule: "An existing file.",
    secret: false,
  },
  folder_path: {
    placeholder: "<PATH_TO_DATA_FOLDER>",
    example: "/data/exports",
    description: "Folder holding the CSV, JSON Lines or JSON files to load.",
    rule: "An existing folder.",
    secret: false,
  },
  bucket: { placeholder: "<YOUR_BUCKET_NAME>", example: "acme-exports", description: "Name of the bucket holding the files.", rule: "Non-empty.", secret: false },
  prefix: {
    placeholder: "<KEY_PREFIX_OR_EMPTY>",
    example: "exports/daily/",
    description: "Key prefix (folder) under which each table's files are found; a table's pattern is matched below it.",
    rule: 'A string; "" for the bucket root; no leading /.',
    secret: false,
    required: false,
  },
  region: {
    placeholder: "<YOUR_BUCKET_REGION>",
    example: "eu-west-1",
    description: "Region of the bucket (S3-compatible services often accept us-east-1 or auto).",
    rule: "Non-empty.",
    secret: false,
  },
  endpoint_url: {
    placeholder: "<ENDPOINT_URL_OR_EMPTY_FOR_AMAZON>",
    example: "https://<account>.r2.cloudflarestorage.com",
    description: 'Endpoint of an S3-compatible service (MinIO, Cloudflare R2, https://storage.googleapis.com for GCS with HMAC keys); "" for Amazon S3.',
    rule: '"" or a URL starting with https:// (http:// only for a local test server).',
    secret: false,
    required: false,
  },
  aws_access_key_id: {
    placeholder: "<YOUR_ACCESS_KEY_ID>",
    example: "AKIA…",
    description: "Access key id with s3:ListBucket and s3:GetObject on the bucket (read-only).",
    rule: "Non-empty.",
    secret: false,
  },
  aws_secret_access_key: {
    placeholder: "<YOUR_SECRET_ACCESS_KEY>",
    example: "…",
    description: "Secret of the access key.",
    rule: "Non-empty; never commit the real value.",
    secret: true,
  },
  host: { placeholder: "<YOUR_DATABASE_HOST>", example: "db.example.com", description: "Host name or IP address of the database server.", rule: "Non-empty.", secret: false },
  port: { placeholder: "<YOUR_DATABASE_PORT>", example: "5432", description: "TCP port of the database server.", rule: "A number from 1 to 65535, as a string.", secret: false },
  user: { placeholder: "<YOUR_DATABASE_USER>", example: "fivetran_reader", description: "Database user; grant it SELECT on the synced tables only.", rule: "Non-empty.", secret: false },
  db_password: { placeholder: "<YOUR_DATABASE_PASSWORD>", example: "…", description: "Password of the database user.", rule: "Non-empty; never commit the real value.", secret: true },
  database: { placeholder: "<YOUR_DATABASE_NAME>", example: "shop", description: "Name of the database (schema, in MySQL terms) holding the tables.", rule: "Non-empty.", secret: false },
};

const DEFAULT_PORTS = { postgresql: "5432", mysql: "3306" } as const;

const AUTH_KEYS: Record<AuthType, string[]> = {
  none: [],
  api_key_header: ["api_key"],
  api_key_query: ["api_key"],
  bearer: ["api_token"],
  basic: ["username", "password"],
  oauth2_client_credentials: ["token_url", "client_id", "client_secret"],
  oauth2_refresh_token: ["token_url", "client_id", "client_secret", "refresh_token"],
};

/** The configuration keys of a resolved scaffold, in configuration.json order. */
export function configKeys(o: ResolvedOptions): ConfigKey[] {
  const names: string[] = [];
  if (o.source === "rest_api" || o.source === "graphql") names.push("base_url", ...AUTH_KEYS[o.auth]);
  if (o.driver === "sqlite") names.push("database_path");
  if (o.driver === "postgresql" || o.driver === "mysql") names.push("host", "port", "database", "user", "password");
  if (o.storage === "local") names.push("folder_path");
  if (o.storage === "s3") names.push("bucket", "prefix", "region", "endpoint_url", "aws_access_key_id", "aws_secret_access_key");
  return names.map((key) => {
    const meta = key === "base_url" && o.source === "graphql" ? KEYS.graphql_url : key === "password" && o.source === "database" ? KEYS.db_password : KEYS[key];
    const placeholder = key === "base_url" && o.baseUrl ? o.baseUrl : meta.placeholder;
    const example = key === "port" && (o.driver === "postgresql" || o.driver === "mysql") ? DEFAULT_PORTS[o.driver] : meta.example;
    return { key, ...meta, placeholder, example, required: meta.required ?? true };
  });
}

function py(value: unknown): string {
  // JSON string and list literals are valid Python for the plain values used here.
  return JSON.stringify(value);
}

/** The pagination styles the tables use, in the order scaffold lists them. */
export function paginationsOf(o: ResolvedOptions): PaginationType[] {
  return PAGINATION_TYPES.filter((p) => o.tables.some((t) => t.pagination === p));
}

/** Whether a table's settings include the cursor field: incremental syncs and keyset pages read it, and the sample writes it. */
function usesCursorField(o: ResolvedOptions, t: ResolvedTable): boolean {
  return o.source === "sample" || (o.source !== "file" && (o.sync === "incremental_cursor" || t.pagination === "keyset_timestamp"));
}

/** Whether a table's settings include a page size: everything but one-response API reads and files. */
function usesPageSize(o: ResolvedOptions, t: ResolvedTable): boolean {
  if (o.source === "file") return false;
  return o.source === "database" || o.source === "sample" || t.pagination !== "none";
}

/**
 * TABLES: one dict per table holding everything that differs between tables (where to read it, its key, how its
 * endpoint pages, its cursor field), so no setting is shared by tables that may need different ones.
 */
function tablesLiteral(o: ResolvedOptions): string {
  const mixed = paginationsOf(o).length > 1;
  const entries = o.tables.map((t) => {
    const d: Record<string, unknown> = { name: t.name };
    switch (o.source) {
      case "rest_api":
        d.path = t.path;
        break;
      case "graphql":
        d.field = t.name;
        d.fields = [...t.primaryKey.filter((c) => c !== t.parentKey), "name", ...(usesCursorField(o, t) ? [t.cursorField] : [])].join(" ");
        if (t.parent) d.parent_field = singular(t.parent);
        break;
      case "database":
        d.source_table = t.name;
        break;
      case "file":
        d.pattern = `${t.name}*`;
        break;
      default:
        break;
    }
    d.primary_key = t.primaryKey;
    if (t.parent) {
      d.parent = t.parent;
      d.parent_key = t.parentKey;
    }
    // Only when tables page differently does the code pick a reader by this value; otherwise it would be a dead knob.
    if (mixed) d.pagination = t.pagination;
    if (usesPageSize(o, t)) d.page_size = t.pageSize;
    if (usesCursorField(o, t)) d.cursor_field = t.cursorField;
    const body = Object.entries(d)
      .map(([k, v]) => `        ${py(k)}: ${py(v).replace(/","/g, '", "')},`)
      .join("\n");
    return `    {\n${body}\n    },`;
  });
  return `[\n${entries.join("\n")}\n]`;
}

/** The comment above TABLES, naming only the settings its entries hold. */
function tablesComment(o: ResolvedOptions): string {
  const parts = ["primary_key (the column or columns, as the source names them, that identify a row)"];
  if (o.tables.some((t) => t.parent)) parts.push("parent and parent_key (a child's rows are read once per parent row; parent_key is the column that receives the parent's key)");
  if (paginationsOf(o).length > 1) parts.push("pagination (how the table's endpoint pages)");
  if (o.tables.some((t) => usesPageSize(o, t))) parts.push(`page_size (rows asked for per ${o.source === "database" ? "batch" : "page"})`);
  if (o.tables.some((t) => usesCursorField(o, t))) parts.push("cursor_field (the field that says when a row last changed)");
  const text = `The tables this connector syncs, one entry per table with its own settings: ${parts.join(", ")}. schema() declares the same keys.`;
  // Wrapped at 110 columns, as the rest of the generated file.
  const lines: string[] = [];
  let line = "#";
  for (const word of text.split(" ")) {
    if (line.length + word.length + 1 > 110) {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join("\n");
}

/** The GraphQL field that fetches one parent row by id: users -> user (rename it to your schema's field). */
function singular(table: string): string {
  return /[^s]s$/.test(table) ? table.slice(0, -1) : `${table}_by_id`;
}

function schemaLiteral(tables: ResolvedTable[]): string {
  return tables.map((t) => `        {"table": ${py(t.name)}, "primary_key": ${py(t.primaryKey).replace(/","/g, '", "')}},`).join("\n");
}

/** Imports are derived from what the rendered body uses, so no combination has an unused or missing one. */
function importsFor(body: string): string {
  const std: string[] = [];
  const from: string[] = [];
  const need = (re: RegExp) => re.test(body);
  if (need(/\bbase64\./)) std.push("import base64  # HTTP Basic credentials");
  if (need(/\bcsv\./)) std.push("import csv  # reading CSV files row by row");
  if (need(/\bfnmatch\./)) std.push("import fnmatch  # matching object keys against each table's pattern");
  if (need(/\bglob\./)) std.push("import glob  # finding each table's files");
  if (need(/\bjson\./)) std.push("import json  # reading configuration.json in the __main__ block");
  if (need(/\bos\./)) std.push("import os  # resolving configuration.json next to this file");
  if (need(/\bsqlite3\./)) std.push("import sqlite3  # the DB-API driver; swap it for your database's driver");
  if (need(/\btime\.(sleep|monotonic)/)) std.push("import time  # back-off waits and token expiry");
  const ctx = ["closing", "nullcontext"].filter((n) => need(new RegExp(`\\b${n}\\(`)));
  if (ctx.length) from.push(`from contextlib import ${ctx.join(", ")}  # close connections and cursors on exit`);
  const dt = ["datetime", "timedelta", "timezone"].filter((n) => (n === "datetime" ? need(/\bdatetime\.(now|fromisoformat|fromtimestamp)|\bdatetime\(|-> datetime/) : need(new RegExp(`\\b${n}[.(]`))));
  if (dt.length) from.push(`from datetime import ${dt.join(", ")}  # timezone-aware timestamps`);
  if (need(/\bparsedate_to_datetime\(/)) from.push("from email.utils import parsedate_to_datetime  # Retry-After given as an HTTP date");
  if (need(/\bPath\(/)) from.push("from pathlib import Path  # the database file as a read-only URI");
  const third: string[] = [];
  if (need(/\bboto3\./)) {
    third.push("# boto3 reads S3 and S3-compatible storage; requirements.txt pins it", "import boto3", "from botocore.config import Config");
  }
  if (need(/\bpsycopg2\./)) third.push("# psycopg2 is the PostgreSQL driver (psycopg2-binary in requirements.txt)", "import psycopg2");
  if (need(/\bpymysql\./)) third.push("# PyMySQL is the MySQL driver; requirements.txt pins it", "import pymysql.cursors");
  if (need(/\brequests\./)) third.push("# requests is pre-installed in the Fivetran runtime, so requirements.txt does not list it", "import requests");
  const sdk = [
    "# Connector holds update() and schema(); Operations sends rows and checkpoints; Logging writes to the Fivetran log",
    "from fivetran_connector_sdk import Connector, Logging as log, Operations as op",
  ];
  return [[...std, ...from].join("\n"), third.join("\n"), sdk.join("\n")].filter(Boolean).join("\n\n");
}

function flagsFor(o: ResolvedOptions): Set<string> {
  const flags = [o.sync === "incremental_cursor" ? "incremental" : "full", `source:${o.source}`, `auth:${o.auth}`, ...paginationsOf(o).map((p) => `pagination:${p}`)];
  if (o.storage) flags.push(`storage:${o.storage}`);
  if (o.driver) flags.push(`driver:${o.driver}`);
  return new Set(flags);
}

/** The page readers: one fetch_pages, or, when tables page differently, one fetch_pages_<style> per style used. */
function pageReaders(kind: string, o: ResolvedOptions): string[] {
  const styles = paginationsOf(o);
  return styles.length === 1 ? [`${kind}/${styles[0]}`] : [...styles.map((p) => `${kind}/${p}>fetch_pages_${p}`), "!dispatch"];
}

/** Fragment names in file order; "a>b" renames a's fetch_pages to b, "!dispatch" is the reader dispatch written here. */
function fragmentsFor(o: ResolvedOptions): string[] {
  const incremental = o.sync === "incremental_cursor";
  const f = ["common/constants", "common/validate"];
  if (incremental || o.source === "sample") f.push("common/timestamps");
  switch (o.source) {
    case "sample":
      f.push("sample/source", "common/sync");
      break;
    case "rest_api":
      f.push("http/client", `auth/${o.auth}`, "rest/_common", ...pageReaders("rest", o), "common/sync");
      break;
    case "graphql":
      f.push("http/client", `auth/${o.auth}`, "graphql/_common", ...pageReaders("graphql", o), "common/sync");
      break;
    case "database":
      f.push("database/_common", ...pageReaders("database", o), "common/sync");
      break;
    case "file":
      f.push("file/_common", `file/${o.storage ?? "local"}`, "file/sync");
      break;
  }
  f.push("common/main");
  return f;
}

function dispatchFragment(o: ResolvedOptions): string {
  const styles = paginationsOf(o);
  return [
    "# Tables page differently: each table's pagination in TABLES picks the reader for its endpoint.",
    "PAGE_READERS = {",
    ...styles.map((p) => `    ${py(p)}: fetch_pages_${p},`),
    "}",
    "",
    "",
    "def fetch_pages(source, table: dict, since, parent_id):",
    '    """Yields the pages of one table (of one parent row, for a child) with the reader its pagination names."""',
    '    return PAGE_READERS[table["pagination"]](source, table, since, parent_id)',
  ].join("\n");
}

function renderFragment(spec: string, o: ResolvedOptions, vars: Record<string, string>, flags: ReadonlySet<string>): string {
  if (spec === "!dispatch") return dispatchFragment(o);
  const [name, rename] = spec.split(">");
  const text = renderTemplate(loadFragment(name), vars, flags).trim();
  return rename ? text.replace(/^def fetch_pages\(/m, `def ${rename}(`) : text;
}

function patternLabel(o: ResolvedOptions): string {
  const variant = o.storage ? `, storage=${o.storage}` : o.driver ? `, driver=${o.driver}` : "";
  return `source=${o.source}${variant}, auth=${o.auth}, pagination=${paginationsOf(o).join("+")}, sync=${o.sync}, operations=${o.operationStyle}`;
}

/** Renders connector.py for resolved options. */
export function renderConnector(o: ResolvedOptions): string {
  const keys = configKeys(o);
  const required = keys.filter((k) => k.required);
  const vars: Record<string, string> = {
    NAME: o.name,
    PATTERN: patternLabel(o),
    TABLES: tablesLiteral(o),
    TABLES_COMMENT: tablesComment(o),
    SCHEMA: schemaLiteral(o.tables),
    REQUIRED_KEYS: required
      .map((k) => `${py(k.key)}, `)
      .join("")
      .replace(/, $/, required.length === 1 ? "," : ""),
    URL_KEYS: keys
      .filter((k) => k.key === "base_url" || k.key === "token_url")
      .map((k) => py(k.key))
      .join(", ")
      .concat(keys.filter((k) => k.key === "base_url" || k.key === "token_url").length === 1 ? "," : ""),
    OP: o.operationStyle === "yield" ? "yield " : "",
    CALL: o.operationStyle === "yield" ? "yield from " : "",
    // SQL dialect of the driver: its DB-API parameter style and identifier quote (MySQL reads "x" as a string).
    PARAM: o.driver === "postgresql" || o.driver === "mysql" ? "%s" : "?",
    Q: o.driver === "mysql" ? "`" : '"',
    DEFAULT_PORT: o.driver === "postgresql" || o.driver === "mysql" ? DEFAULT_PORTS[o.driver] : "",
  };
  const flags = flagsFor(o);
  const header = renderTemplate(loadFragment("common/header"), vars, flags).trimEnd();
  const body = fragmentsFor(o)
    .map((spec) => renderFragment(spec, o, vars, flags))
    .filter(Boolean)
    .join("\n\n\n");
  const text = `${header}\n\n${importsFor(body)}\n\n${body}\n`;
  // Dropped conditional blocks can leave runs of blank lines; PEP 8 allows two at most.
  return text.replace(/\n{4,}/g, "\n\n\n").replace(/[ \t]+$/gm, "");
}

export function renderConfiguration(o: ResolvedOptions): string {
  const obj: Record<string, string> = {};
  for (const k of configKeys(o)) obj[k.key] = k.placeholder;
  return `${JSON.stringify(obj, null, 2)}\n`;
}

/**
 * Third-party packages each choice imports, pinned. boto3's pin is the version the scaffold tests run
 * (test/requirements.txt); the database drivers are mocked in the tests (no server here) and pinned to
 * releases that still install on Python 3.9 (psycopg2-binary 2.9.11 and later need 3.10).
 */
export const PINNED = { boto3: "boto3==1.43.11", postgresql: "psycopg2-binary==2.9.10", mysql: "PyMySQL==1.2.4" } as const;

function requirementsOf(o: ResolvedOptions): string[] {
  if (o.storage === "s3") return [PINNED.boto3];
  if (o.driver === "postgresql") return [PINNED.postgresql];
  if (o.driver === "mysql") return [PINNED.mysql];
  return [];
}

export function renderRequirements(o?: ResolvedOptions): string {
  const pins = o ? requirementsOf(o) : [];
  return [
    "# Third-party packages connector.py imports, one per line, pinned with == (e.g. pandas==2.2.3).",
    "# Do not list fivetran-connector-sdk or requests: the Fivetran runtime provides both.",
    ...(pins.length ? pins : ["# This connector needs nothing beyond the standard library and requests."]),
    "",
  ].join("\n");
}

export function renderGitignore(): string {
  return [
    "# Holds credentials: pass it with `fivetran deploy --configuration` instead of committing it.",
    "configuration.json",
    "# Local sync output (warehouse.db, state.json) written by `fivetran debug` and run_debug.",
    "files/",
    "__pycache__/",
    "*.pyc",
    ".venv/",
    "",
  ].join("\n");
}

const REFERENCES: Partial<Record<string, string>> = {
  "source:sample": "examples/quickstart/hello, examples/common_patterns/unspecified_types",
  "source:rest_api": "template_connector, examples/common_patterns/pagination",
  "source:graphql": "community_connectors/dgraph",
  "storage:s3": "examples/common_patterns/parallel_fetching_from_source, examples/common_patterns/extracting_data_from_pdf",
  "driver:postgresql": "examples/common_patterns/pagination/database_limit_offset",
  "source:database": "examples/common_patterns/pagination/database_keyset, examples/common_patterns/server_side_cursors",
  "source:file": "examples/common_patterns/export/csv, examples/common_patterns/high_volume_csv",
  "auth:api_key_header": "examples/common_patterns/authentication/api_key",
  "auth:api_key_query": "examples/common_patterns/cursors/marketstack",
  "auth:bearer": "examples/common_patterns/authentication/http_bearer",
  "auth:basic": "examples/common_patterns/authentication/http_basic",
  "auth:oauth2_refresh_token": "examples/common_patterns/authentication/oauth2_with_token_refresh",
  "auth:oauth2_client_credentials": "community_connectors/microsoft_intune",
  "pagination:page_number": "examples/common_patterns/pagination/page_number",
  "pagination:offset": "examples/common_patterns/pagination/offset_based",
  "pagination:cursor": "examples/common_patterns/pagination/scroll_token",
  "pagination:next_url": "examples/common_patterns/pagination/next_page_url",
  "pagination:keyset_timestamp": "examples/common_patterns/pagination/keyset",
  "pagination:link_header": "community_connectors/github",
  "sync:incremental_cursor": "examples/common_patterns/incremental_sync_strategies/timestamp_sync",
};

function referenceLinks(o: ResolvedOptions): string[] {
  const out: string[] = [];
  const variant = o.storage ? [`storage:${o.storage}`] : o.driver ? [`driver:${o.driver}`] : [];
  for (const key of [`source:${o.source}`, ...variant, `auth:${o.auth}`, ...paginationsOf(o).map((p) => `pagination:${p}`), `sync:${o.sync}`]) {
    const v = REFERENCES[key];
    if (!v) continue;
    for (const p of v.split(", ")) {
      const url = p.startsWith("community_connectors/")
        ? `https://github.com/fivetran/community_connectors/tree/main/${p.slice("community_connectors/".length)}`
        : `https://github.com/fivetran/connector_sdk/tree/main/${p}`;
      out.push(`- ${key.replace(":", " ")}: [${p}](${url})`);
    }
  }
  return out;
}

function sourceNotes(o: ResolvedOptions): string {
  switch (o.source) {
    case "sample":
      return "The `SampleSource` class stands in for a real API: replace it (and `fetch_pages`) with calls to your source.";
    case "rest_api":
      return "Adjust `RECORDS_KEY`, `UPDATED_SINCE_PARAM` and each table's entry in `TABLES` (`path`, `primary_key`, `page_size`, `cursor_field`) to your API. Records must carry their primary key columns and, for incremental syncs, their `cursor_field`, and the API must return them oldest change first.";
    case "graphql":
      return "Set each table's `field` (the connection field) and `fields` (the selection) in `TABLES`. The queries use the variables `updatedSince`, and `first`/`after` or `limit`/`offset`; rename them to your schema's arguments. A child table's connection is read once per parent row, nested under the field that fetches one parent by id: `parent_field` in `TABLES` (e.g. `user(id: $parentId) { orders(...) { ... } }`); rename it to your schema's field.";
    case "database":
      switch (o.driver) {
        case "postgresql":
          return "Tables are read from PostgreSQL with psycopg2 (`psycopg2-binary`, pinned in requirements.txt), whose parameter style is `%s`. Set each table's `source_table` in `TABLES` (a table of the user's search_path). Each table needs its `primary_key` columns and, for incremental syncs, its `cursor_field` column (timestamps become ISO 8601 text). The sync only reads: give the user SELECT on the synced tables only, and set `sslmode` to `require` or `verify-full` in `open_source()` for a server reached over the internet.";
        case "mysql":
          return 'Tables are read from MySQL or MariaDB with PyMySQL (pinned in requirements.txt), whose parameter style is `%s` and whose identifiers are quoted with backticks. Set each table\'s `source_table` in `TABLES`. Each table needs its `primary_key` columns and, for incremental syncs, its `cursor_field` column (timestamps become ISO 8601 text). Give the user SELECT on the synced tables only, and pass `ssl={"ca": ...}` in `open_source()` for a server reached over the internet.';
        default:
          return "Tables are read from SQLite with the standard library's `sqlite3`, opened read-only. For PostgreSQL or MySQL scaffold again with driver `postgresql` or `mysql`; for another database, replace `open_source()` with its DB-API driver (add it to requirements.txt, pinned) and use its parameter style. Each table needs its `primary_key` columns and, for incremental syncs, its `cursor_field` column.";
      }
    case "file":
      return o.storage === "s3"
        ? "Each table reads the objects under `prefix` whose key matches its `pattern` in `TABLES` (default `<table>*`), e.g. `exports/users.csv`, `exports/users_2024.jsonl`; objects are streamed, never downloaded whole (except JSON arrays). CSV values arrive as text: convert numbers and dates before upserting if the destination needs typed columns. The access key needs only `s3:ListBucket` and `s3:GetObject`. Incremental syncs compare each object's `LastModified` (and key) with the cursor: an object whose multipart upload began before the last sync but completed after it carries the older start time as `LastModified` and is missed until a full re-sync."
        : "Each table reads the files matching its `pattern` in `TABLES` (default `<table>*`), e.g. `users.csv`, `users_2024.jsonl`. CSV values arrive as text: convert numbers and dates before upserting if the destination needs typed columns. For files in S3 or S3-compatible storage, scaffold again with storage `s3`.";
  }
}

export function renderReadme(o: ResolvedOptions): string {
  const keys = configKeys(o);
  const incremental = o.sync === "incremental_cursor";
  const lines: string[] = [];
  lines.push(`# ${o.name}`, "");
  lines.push(`A Fivetran Connector SDK connector scaffolded by fivetran-connector-mcp: ${SUPPORT[o.source].summary}`, "", `Pattern: ${patternLabel(o)}.`, "");
  lines.push("## Files", "");
  lines.push("| File | Purpose |", "|---|---|");
  lines.push("| `connector.py` | `schema()`, `update()` and the helpers they call |");
  lines.push("| `configuration.json` | Configuration values (all strings); holds secrets, so it is git-ignored |");
  const pins = requirementsOf(o);
  lines.push(`| \`requirements.txt\` | Pinned third-party packages (${pins.length ? pins.map((p) => `\`${p}\``).join(", ") : "none yet"}; never the SDK or \`requests\`) |`);
  lines.push("| `.gitignore` | Keeps `configuration.json` and local sync output out of version control |", "");
  lines.push("## Configuration", "");
  if (keys.length === 0) {
    lines.push("This connector needs no configuration: `configuration.json` is an empty object.", "");
  } else {
    lines.push(
      'Every value in `configuration.json` is a string. Replace each placeholder before the first run (set an optional key to an empty string `""` to leave it unset); `validate_configuration()` stops the sync with a clear message while a value is missing or still a placeholder.',
      "",
    );
    lines.push("| Key | Required | Example | Description | Validation |", "|---|---|---|---|---|");
    for (const k of keys) {
      lines.push(`| \`${k.key}\` | ${k.required ? "yes" : "no"} | \`${k.example}\` | ${k.description}${k.secret ? " Secret: never logged or stored in state." : ""} | ${k.rule} |`);
    }
    lines.push("");
  }
  lines.push("## Tables", "");
  lines.push("Each table's settings are its entry in `TABLES` in `connector.py`: change a key, page size or cursor field there, for that table only.", "");
  const paged = o.source !== "file";
  lines.push(`| Table | Primary key |${paged ? " Pagination | Page size | Cursor field |" : ""} Notes |`, `|---|---|${paged ? "---|---|---|" : ""}---|`);
  for (const t of o.tables) {
    const notes = t.parent ? `Child of \`${t.parent}\`: fetched once per parent row; \`${t.parentKey}\` holds the parent's key.` : "";
    const settings = paged ? ` ${t.pagination} | ${usesPageSize(o, t) ? t.pageSize : "-"} | ${usesCursorField(o, t) ? `\`${t.cursorField}\`` : "-"} |` : "";
    lines.push(`| \`${t.name}\` | ${t.primaryKey.map((c) => `\`${c}\``).join(", ")} |${settings} ${notes} |`);
  }
  lines.push("", "`schema()` declares only table names and primary keys; Fivetran infers column types from the data.", "");
  lines.push("## How it syncs", "");
  lines.push(`- Sync mode: ${DESCRIPTIONS.sync[o.sync]}`);
  if (o.source === "rest_api" || o.source === "graphql") {
    lines.push(`- Authentication: ${DESCRIPTIONS.auth[o.auth]}`);
    const styles = paginationsOf(o);
    if (styles.length === 1) lines.push(`- Pagination: ${DESCRIPTIONS.pagination[styles[0]]}`);
    else lines.push(`- Pagination, per table (\`pagination\` in \`TABLES\`):`, ...styles.map((p) => `  - \`${p}\`: ${DESCRIPTIONS.pagination[p]}`));
    lines.push(
      "- Every request has a 30 s timeout; connection errors, 429 and 5xx are retried up to 5 times with exponential back-off (1, 2, 4, 8 s), waiting as long as `Retry-After` asks when the server sends it.",
    );
  } else if (o.source === "database") {
    lines.push(`- Driver: ${DESCRIPTIONS.driver[o.driver ?? "sqlite"]}`);
    for (const p of paginationsOf(o)) lines.push(`- Batches${paginationsOf(o).length > 1 ? ` (\`${p}\` tables)` : ""}: ${DESCRIPTIONS.pagination[p]}`);
  } else if (o.source === "file") {
    lines.push(`- Storage: ${DESCRIPTIONS.storage[o.storage ?? "local"]}`);
    if (o.storage === "s3") lines.push("- Every S3 request has a 30 s connect and read timeout; throttling and 5xx answers are retried by boto3 (standard mode, up to 5 attempts with back-off).");
  }
  if (incremental) {
    lines.push(
      o.source === "file"
        ? `- State: \`<table>_cursor\` is the modification time (${o.storage === "s3" ? "`LastModified`" : "mtime"}) of the newest file read and \`<table>_last_file\` its name; files are read in (time, name) order, so files sharing one time are not skipped. Changed files are read again in full and upserted by primary key.`
        : "- State: `<table>_cursor` holds the newest `cursor_field` value written for each table. It is saved with a checkpoint after every page, so a failed sync resumes from the last committed page.",
    );
  } else {
    lines.push("- State: none is needed; a checkpoint after every page tells Fivetran the rows sent so far are safe to write.");
  }
  lines.push("- Logging goes through the SDK's `log.info` / `log.warning`; credentials, tokens and query strings are never logged or stored in state.", "");
  lines.push("## Adapting it", "", sourceNotes(o), "");
  lines.push("## Run it locally", "");
  lines.push("With the MCP server: `lint_connector`, then `run_debug`, then `query_warehouse`. From a shell:", "");
  lines.push("```sh", "npx fivetran-connector-mcp lint .", "npx fivetran-connector-mcp debug .", "# or, with the SDK installed: fivetran debug --configuration configuration.json", "```", "");
  lines.push("A local sync writes `files/warehouse.db` (DuckDB) and `files/state.json`. Run it twice to see the incremental cursor at work.", "");
  const refs = referenceLinks(o);
  if (refs.length) lines.push("## Reference examples", "", "Fivetran's public examples closest to this pattern:", "", ...refs, "");
  return lines.join("\n");
}

export interface RenderedFile {
  path: string;
  content: string;
}

export function renderProject(o: ResolvedOptions): RenderedFile[] {
  return [
    { path: "connector.py", content: renderConnector(o) },
    { path: "configuration.json", content: renderConfiguration(o) },
    { path: "requirements.txt", content: renderRequirements(o) },
    { path: "README.md", content: renderReadme(o) },
    { path: ".gitignore", content: renderGitignore() },
  ];
}
