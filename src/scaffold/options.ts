import { ToolError } from "../errors.js";

/**
 * The choices scaffold offers and the rules for combining them. Everything here is data, so the
 * tool schema, the CLI's --list, the choices resource and the test matrix all read one source.
 */
export const SOURCE_TYPES = ["sample", "rest_api", "graphql", "database", "file"] as const;
export const AUTH_TYPES = ["none", "api_key_header", "api_key_query", "bearer", "basic", "oauth2_client_credentials", "oauth2_refresh_token"] as const;
export const PAGINATION_TYPES = ["none", "page_number", "offset", "cursor", "link_header", "next_url", "keyset_timestamp"] as const;
export const SYNC_MODES = ["full", "incremental_cursor"] as const;
// yield first: the seed guidelines ask for it and every SDK accepts it; direct is the 2.0+ style.
export const OPERATION_STYLES = ["yield", "direct"] as const;
/** Where a file source reads: a local folder, or an S3-compatible bucket (Amazon S3, MinIO, R2, GCS interoperability). */
export const STORAGE_TYPES = ["local", "s3"] as const;
/** The database a database source reads, each through its DB-API driver. */
export const DATABASE_DRIVERS = ["sqlite", "postgresql", "mysql"] as const;

export type SourceType = (typeof SOURCE_TYPES)[number];
export type AuthType = (typeof AUTH_TYPES)[number];
export type PaginationType = (typeof PAGINATION_TYPES)[number];
export type SyncMode = (typeof SYNC_MODES)[number];
export type OperationStyle = (typeof OPERATION_STYLES)[number];
export type StorageType = (typeof STORAGE_TYPES)[number];
export type DatabaseDriver = (typeof DATABASE_DRIVERS)[number];

/** One table to sync. Every setting but name is optional; pagination, page_size and cursor_field override the top-level ones. */
export interface TableSpec {
  name: string;
  /** Column(s) the source identifies a row by, as the source names them (default id; a child's default is [parent_key, id]). */
  primary_key?: string[];
  /** Name of the parent table: rows of this table are fetched once per parent row. */
  parent?: string;
  /** A child only: the column that receives the parent row's key (default <parent>_id). */
  parent_key?: string;
  /** REST path (relative to base_url); a child's path may use {parent_id}. */
  path?: string;
  pagination?: PaginationType;
  page_size?: number;
  /** The field that says when a row last changed (default updated_at). */
  cursor_field?: string;
}

export interface ScaffoldOptions {
  name?: string;
  source_type?: SourceType;
  auth?: AuthType;
  pagination?: PaginationType;
  sync?: SyncMode;
  tables?: TableSpec[];
  base_url?: string;
  operation_style?: OperationStyle;
  /** file only: local folder (default) or an S3-compatible bucket. */
  storage?: StorageType;
  /** database only: sqlite (default), postgresql or mysql. */
  driver?: DatabaseDriver;
  /** Default rows per page (per batch for a database) for tables that do not set their own. */
  page_size?: number;
  /** Default cursor (updated-at) field for tables that do not set their own. */
  cursor_field?: string;
}

/** A table after defaults are applied. */
export interface ResolvedTable {
  name: string;
  primaryKey: string[];
  parent?: string;
  /** For a child: the column holding the parent's key. */
  parentKey?: string;
  path: string;
  pagination: PaginationType;
  /** Rows asked for per page (per batch for a database); unused by pagination none of an API and by files. */
  pageSize: number;
  /** The field holding when a row last changed: the incremental cursor and the keyset order. */
  cursorField: string;
}

export interface ResolvedOptions {
  name: string;
  source: SourceType;
  auth: AuthType;
  pagination: PaginationType;
  sync: SyncMode;
  tables: ResolvedTable[];
  baseUrl?: string;
  operationStyle: OperationStyle;
  /** Set for source file only. */
  storage?: StorageType;
  /** Set for source database only. */
  driver?: DatabaseDriver;
}

/** What each source supports; everything offered here is proven by test/scaffold/matrix.test.ts. */
export const SUPPORT: Record<SourceType, { auth: readonly AuthType[]; pagination: readonly PaginationType[]; childTables: boolean; summary: string }> = {
  sample: {
    auth: ["none"],
    pagination: ["none"],
    childTables: true,
    summary: "Generates its own rows (no network); the quickest way to see a sync end to end.",
  },
  rest_api: {
    auth: AUTH_TYPES,
    pagination: PAGINATION_TYPES,
    childTables: true,
    summary: "A JSON REST API through requests, with retries, back-off and the chosen auth and pagination.",
  },
  graphql: {
    auth: AUTH_TYPES,
    pagination: ["none", "cursor", "offset"],
    childTables: true,
    summary:
      "A GraphQL endpoint (POST query + variables); cursor means Relay-style pageInfo { hasNextPage endCursor }; a child table is a connection nested under its parent, fetched by the parent's id.",
  },
  database: {
    auth: ["none"],
    pagination: ["none", "offset", "keyset_timestamp"],
    childTables: false,
    summary: "A SQL database through its DB-API driver: SQLite (sqlite3, standard library), PostgreSQL (psycopg2) or MySQL (PyMySQL); choose with driver.",
  },
  file: {
    auth: ["none"],
    pagination: ["none"],
    childTables: false,
    summary: "CSV, JSON Lines or JSON files in a local folder or an S3-compatible bucket (choose with storage); incremental syncs re-read only files modified since the last sync.",
  },
};

type DescribedOption = "auth" | "pagination" | "sync" | "storage" | "driver" | "operation_style";

/** What each value of these options means; the one type checks every table against its option's values. */
export const DESCRIPTIONS: { [K in DescribedOption]: Record<NonNullable<ScaffoldOptions[K]>, string> } = {
  auth: {
    none: "No authentication.",
    api_key_header: "An API key sent in a request header (X-API-Key).",
    api_key_query: "An API key sent as a query parameter (api_key); kept out of logs.",
    bearer: "A static bearer token in the Authorization header.",
    basic: "HTTP Basic authentication with a username and password.",
    oauth2_client_credentials: "OAuth 2.0 client credentials: a token from token_url, refreshed before expiry and on 401.",
    oauth2_refresh_token: "OAuth 2.0 refresh token: access tokens minted from a long-lived refresh token, refreshed on expiry and on 401.",
  },
  pagination: {
    none: "One response (REST/GraphQL) or server-side cursor batches with fetchmany (database).",
    page_number: "page and per_page parameters until total_pages is reached.",
    offset: "offset and limit parameters until total is reached (LIMIT/OFFSET for databases).",
    cursor: "An opaque next_cursor token passed back until it is empty (GraphQL: pageInfo.endCursor).",
    link_header: 'Follow the RFC 8288 Link header\'s rel="next" URL.',
    next_url: "Follow the next_url field of the response body.",
    keyset_timestamp: "Keyset pages ordered by (cursor field, key): each page starts after the last row of the previous one.",
  },
  sync: {
    full: "Re-read every row on each sync; checkpoint after each page so progress is committed.",
    incremental_cursor: "Read rows updated after the cursor saved in state; the cursor advances with each checkpointed page.",
  },
  storage: {
    local: "Files in a folder on the machine that runs the connector.",
    s3: "Objects in an S3-compatible bucket through boto3: Amazon S3, or MinIO, Cloudflare R2, GCS (interoperability) via endpoint_url.",
  },
  driver: {
    sqlite: "SQLite through the standard library's sqlite3 (a database file, opened read-only).",
    postgresql: "PostgreSQL through psycopg2 (psycopg2-binary), host/port/user/password/database; a server-side cursor for unpaged reads.",
    mysql: "MySQL or MariaDB through PyMySQL, host/port/user/password/database; a streaming cursor for unpaged reads.",
  },
  operation_style: {
    direct: "Call op.upsert()/op.checkpoint() directly (SDK 2.0 and later; what Fivetran's examples use).",
    yield: "yield each operation (the pre-2.0 style the seed guidelines show; still accepted by current SDKs).",
  },
};

// Names DuckDB reserves: a table or column with one of these silently fails in local debug.
const RESERVED = new Set([
  "all",
  "analyse",
  "analyze",
  "and",
  "any",
  "array",
  "as",
  "asc",
  "asymmetric",
  "both",
  "case",
  "cast",
  "check",
  "collate",
  "column",
  "constraint",
  "create",
  "default",
  "deferrable",
  "desc",
  "describe",
  "distinct",
  "do",
  "else",
  "end",
  "except",
  "false",
  "fetch",
  "for",
  "foreign",
  "from",
  "grant",
  "group",
  "having",
  "in",
  "initially",
  "intersect",
  "into",
  "lateral",
  "leading",
  "limit",
  "not",
  "null",
  "offset",
  "on",
  "only",
  "or",
  "order",
  "pivot",
  "placing",
  "primary",
  "qualify",
  "references",
  "returning",
  "select",
  "show",
  "some",
  "summarize",
  "symmetric",
  "table",
  "then",
  "to",
  "trailing",
  "true",
  "union",
  "unique",
  "unpivot",
  "using",
  "variadic",
  "when",
  "where",
  "window",
  "with",
]);
const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;
// Column names are the source's own (orderNo, SKU): letters, digits and underscores, any case. They are written into
// Python string literals and quoted SQL identifiers, so nothing that could end a literal or an identifier is allowed.
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const MAX_TABLES = 20;
const MAX_PAGE_SIZE = 10_000;
/** Rows per page when neither the table nor the top level says: what the patterns used before page_size existed. */
export const DEFAULT_PAGE_SIZE: Record<SourceType, number> = { sample: 10, rest_api: 100, graphql: 100, database: 500, file: 0 };

function checkIdentifier(kind: string, value: string): void {
  if (!IDENT.test(value)) {
    throw new ToolError(
      "invalid_argument",
      `The ${kind} name "${value}" is not a lowercase snake_case identifier.`,
      `Use letters a-z, digits and underscores, starting with a letter or underscore (e.g. "${toSnake(value) || "items"}").`,
      value,
    );
  }
  if (RESERVED.has(value)) {
    throw new ToolError("invalid_argument", `The ${kind} name "${value}" is an SQL reserved word; the local warehouse cannot create it.`, `Pick another name, e.g. "${value}s" or "${value}_".`, value);
  }
}

function checkColumn(kind: string, value: unknown): string {
  if (typeof value !== "string" || !COLUMN.test(value)) {
    throw new ToolError(
      "invalid_argument",
      `The ${kind} "${String(value)}" is not a column name of letters, digits and underscores.`,
      'Give the field as the source names it, e.g. "order_no" or "orderNo".',
      value,
    );
  }
  if (RESERVED.has(value.toLowerCase())) {
    throw new ToolError(
      "invalid_argument",
      `The ${kind} "${value}" is an SQL reserved word; the local warehouse cannot create it.`,
      `Rename it in the record before upserting, e.g. "${value}_".`,
      value,
    );
  }
  return value;
}

function checkPageSize(where: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new ToolError("invalid_argument", `page_size ${where} must be a whole number from 1 to ${MAX_PAGE_SIZE}.`, "Use the largest page the endpoint accepts, e.g. 50 or 100.", value);
  }
  return value;
}

/**
 * A child's parent-key column when none is given: the column of its primary key named after the parent (its key
 * column order_no, or user_id / users_id for users), so a key given as [order_no, line_no] gets order_no filled in;
 * else <parent>_id.
 */
function defaultParentKey(parent: string, parentPrimaryKey: string[] | undefined, primaryKey: string[] | undefined): string {
  const own = parentPrimaryKey?.length === 1 && parentPrimaryKey[0] !== "id" ? [parentPrimaryKey[0]] : [];
  const names = [...own, `${parent}_id`, ...(/[^s]s$/.test(parent) ? [`${parent.slice(0, -1)}_id`] : [])];
  return primaryKey?.find((c) => names.includes(c)) ?? `${parent}_id`;
}

function toSnake(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^([0-9])/, "_$1")
    .replace(/_+$/g, "");
}

export function defaultTables(source: SourceType): TableSpec[] {
  switch (source) {
    case "sample":
    case "rest_api":
    case "graphql":
      return [
        { name: "users", primary_key: ["id"] },
        { name: "orders", parent: "users" },
      ];
    default:
      return [{ name: "users", primary_key: ["id"] }];
  }
}

/** Applies defaults and rejects combinations that are not offered, with a hint that names the offered ones. */
export function resolveOptions(opts: ScaffoldOptions = {}): ResolvedOptions {
  const source = opts.source_type ?? "sample";
  if (!SOURCE_TYPES.includes(source)) {
    throw new ToolError("invalid_argument", `Unknown source_type "${source}".`, `Use one of: ${SOURCE_TYPES.join(", ")}.`, source);
  }
  const support = SUPPORT[source];
  const auth = opts.auth ?? "none";
  const pagination = opts.pagination ?? "none";
  const sync = opts.sync ?? "incremental_cursor";
  const operationStyle = opts.operation_style ?? "yield";
  if (!AUTH_TYPES.includes(auth)) throw new ToolError("invalid_argument", `Unknown auth "${auth}".`, `Use one of: ${AUTH_TYPES.join(", ")}.`, auth);
  if (!support.auth.includes(auth)) {
    const why =
      source === "database"
        ? " Database credentials are configuration keys of the driver (driver postgresql or mysql: host, port, user, password, database)."
        : source === "file"
          ? " Object storage credentials come with storage s3 (aws_access_key_id, aws_secret_access_key)."
          : "";
    throw new ToolError("invalid_argument", `auth "${auth}" is not offered for source_type "${source}".${why}`, `For ${source} use auth: ${support.auth.join(", ")}.`, auth);
  }
  if (!PAGINATION_TYPES.includes(pagination)) {
    throw new ToolError("invalid_argument", `Unknown pagination "${pagination}".`, `Use one of: ${PAGINATION_TYPES.join(", ")}.`, pagination);
  }
  if (!support.pagination.includes(pagination)) {
    throw new ToolError("invalid_argument", `pagination "${pagination}" is not offered for source_type "${source}".`, `For ${source} use pagination: ${support.pagination.join(", ")}.`, pagination);
  }
  if (!SYNC_MODES.includes(sync)) throw new ToolError("invalid_argument", `Unknown sync "${sync}".`, `Use one of: ${SYNC_MODES.join(", ")}.`, sync);
  if (!OPERATION_STYLES.includes(operationStyle)) {
    throw new ToolError("invalid_argument", `Unknown operation_style "${operationStyle}".`, `Use one of: ${OPERATION_STYLES.join(", ")}.`, operationStyle);
  }

  const specs = opts.tables && opts.tables.length > 0 ? opts.tables : defaultTables(source);
  if (specs.length > MAX_TABLES) {
    throw new ToolError(
      "invalid_argument",
      `${specs.length} tables were requested; scaffold makes at most ${MAX_TABLES}.`,
      "Scaffold the first tables, then add the rest by hand following the same pattern.",
    );
  }
  const names = new Set<string>();
  for (const t of specs) {
    checkIdentifier("table", t.name);
    if (names.has(t.name)) throw new ToolError("invalid_argument", `The table "${t.name}" is listed twice.`, "Give each table a unique name.", t.name);
    names.add(t.name);
  }
  if (source === "file" && (opts.page_size !== undefined || opts.cursor_field !== undefined || specs.some((t) => t.page_size !== undefined || t.cursor_field !== undefined))) {
    throw new ToolError(
      "invalid_argument",
      "page_size and cursor_field do not apply to source_type file.",
      "Leave them out: files are read whole, and their modification time is the cursor.",
      opts.page_size ?? opts.cursor_field,
    );
  }
  const pageSizeDefault = opts.page_size === undefined ? DEFAULT_PAGE_SIZE[source] : checkPageSize("(top level)", opts.page_size);
  const cursorDefault = opts.cursor_field === undefined ? "updated_at" : checkColumn("cursor_field", opts.cursor_field);
  const tables: ResolvedTable[] = specs.map((t) => {
    if (t.parent !== undefined) {
      if (!support.childTables) {
        throw new ToolError(
          "invalid_argument",
          `Child tables (parent) are offered for rest_api, graphql and sample, not for ${source}.`,
          source === "database" ? "Sync each table on its own; join them in the destination." : "Remove parent from the table, or use source_type rest_api or graphql.",
          t.name,
        );
      }
      const parent = specs.find((p) => p.name === t.parent);
      if (!parent) throw new ToolError("invalid_argument", `Table "${t.name}" names parent "${t.parent}", which is not in tables.`, "Add the parent table, or fix the name.", t.parent);
      if (parent.parent !== undefined) {
        throw new ToolError("invalid_argument", `Table "${t.name}" has a parent that is itself a child; one level of nesting is supported.`, "Make the parent a top-level table.", t.name);
      }
      // The parent's key fills the child's {parent_id} and its parent_key column: one value, so one column.
      if (parent.primary_key && parent.primary_key.length > 1) {
        throw new ToolError(
          "invalid_argument",
          `Table "${t.parent}" has child tables, so its primary key must be one column; it has ${parent.primary_key.length}.`,
          "Give the parent a one-column key (the one the child's path takes), or sync the child as a top-level table.",
          parent.primary_key,
        );
      }
    } else if (t.parent_key !== undefined) {
      throw new ToolError("invalid_argument", `Table "${t.name}" sets parent_key but has no parent.`, "Add parent, or leave parent_key out.", t.parent_key);
    }
    if (t.primary_key !== undefined && (!Array.isArray(t.primary_key) || !t.primary_key.every((c) => typeof c === "string"))) {
      throw new ToolError("invalid_argument", `The primary_key of "${t.name}" must be a list of column names.`, 'Pass e.g. ["order_no"] or ["region", "sku"].', t.primary_key);
    }
    const parentKey = t.parent
      ? t.parent_key === undefined
        ? defaultParentKey(t.parent, specs.find((p) => p.name === t.parent)?.primary_key, t.primary_key)
        : checkColumn("parent_key", t.parent_key)
      : undefined;
    const primaryKey = t.primary_key && t.primary_key.length > 0 ? t.primary_key : parentKey ? [parentKey, "id"] : ["id"];
    for (const c of primaryKey) checkColumn("primary key column", c);
    if (new Set(primaryKey).size !== primaryKey.length) throw new ToolError("invalid_argument", `The primary key of "${t.name}" repeats a column.`, "List each column once.", primaryKey);
    if (t.path !== undefined && (/^[a-z]+:/i.test(t.path) || t.path.includes(".."))) {
      throw new ToolError("invalid_argument", `The path "${t.path}" of table "${t.name}" must be relative to base_url.`, 'Give a path such as "v1/users"; put the host in base_url.', t.path);
    }
    const path = t.path ?? (t.parent ? `${t.parent}/{parent_id}/${t.name}` : t.name);
    if (t.parent && !path.includes("{parent_id}")) {
      throw new ToolError("invalid_argument", `The path of child table "${t.name}" must contain {parent_id}.`, `For example "${t.parent}/{parent_id}/${t.name}".`, path);
    }
    const tablePagination = t.pagination ?? pagination;
    if (!support.pagination.includes(tablePagination)) {
      throw new ToolError(
        "invalid_argument",
        `pagination "${String(tablePagination)}" of table "${t.name}" is not offered for source_type "${source}".`,
        `For ${source} use pagination: ${support.pagination.join(", ")}.`,
        tablePagination,
      );
    }
    // The API's keyset resumes after one key value (after_id); a database compares the whole key as a row value.
    const rowKey = primaryKey.filter((c) => c !== parentKey);
    if (tablePagination === "keyset_timestamp" && source === "rest_api" && rowKey.length !== 1) {
      throw new ToolError(
        "invalid_argument",
        `Table "${t.name}" uses keyset_timestamp pagination, which resumes after one key value (after_id), but its primary key is ${primaryKey.join(" + ")}.`,
        "Use cursor, offset or page_number pagination for this table, or a one-column key.",
        primaryKey,
      );
    }
    const pageSize = t.page_size === undefined ? pageSizeDefault : checkPageSize(`of table "${t.name}"`, t.page_size);
    const cursorField = t.cursor_field === undefined ? cursorDefault : checkColumn("cursor_field", t.cursor_field);
    return { name: t.name, primaryKey, parent: t.parent, parentKey, path, pagination: tablePagination, pageSize, cursorField };
  });

  const baseUrl = opts.base_url;
  if (baseUrl !== undefined) {
    if (source !== "rest_api" && source !== "graphql") {
      throw new ToolError("invalid_argument", `base_url applies to rest_api and graphql, not to ${source}.`, "Leave base_url out.", baseUrl);
    }
    if (!/^https?:\/\/[^\s"'\\]+$/.test(baseUrl)) {
      throw new ToolError("invalid_argument", `base_url "${baseUrl}" is not an http(s) URL.`, "Pass e.g. https://api.example.com/v1.", baseUrl);
    }
  }
  if (opts.storage !== undefined) {
    if (!STORAGE_TYPES.includes(opts.storage)) throw new ToolError("invalid_argument", `Unknown storage "${opts.storage}".`, `Use one of: ${STORAGE_TYPES.join(", ")}.`, opts.storage);
    if (source !== "file") throw new ToolError("invalid_argument", `storage applies to source_type file, not to ${source}.`, "Leave storage out.", opts.storage);
  }
  if (opts.driver !== undefined) {
    if (!DATABASE_DRIVERS.includes(opts.driver)) throw new ToolError("invalid_argument", `Unknown driver "${opts.driver}".`, `Use one of: ${DATABASE_DRIVERS.join(", ")}.`, opts.driver);
    if (source !== "database") throw new ToolError("invalid_argument", `driver applies to source_type database, not to ${source}.`, "Leave driver out.", opts.driver);
  }
  const storage = source === "file" ? (opts.storage ?? "local") : undefined;
  const driver = source === "database" ? (opts.driver ?? "sqlite") : undefined;
  const name = (opts.name ?? "").trim() || `${source} connector`;
  if (name.length > 80 || /[\r\n"\\`]/.test(name)) {
    throw new ToolError("invalid_argument", "name must be one line of at most 80 characters without quotes or backslashes.", 'Pass a short title such as "Acme CRM".', name);
  }
  return { name, source, auth, pagination, sync, tables, baseUrl, operationStyle, storage, driver };
}

export interface Combination {
  source: SourceType;
  auth: AuthType;
  pagination: PaginationType;
  sync: SyncMode;
  storage?: StorageType;
  driver?: DatabaseDriver;
}

/** The storage or driver choices of a source (one undefined entry for sources without either). */
function variantsOf(source: SourceType): { storage?: StorageType; driver?: DatabaseDriver }[] {
  if (source === "file") return STORAGE_TYPES.map((storage) => ({ storage }));
  if (source === "database") return DATABASE_DRIVERS.map((driver) => ({ driver }));
  return [{}];
}

/** Every (source [storage|driver], auth, pagination, sync) combination scaffold offers. */
export function allCombinations(): Combination[] {
  const out: Combination[] = [];
  for (const source of SOURCE_TYPES) {
    for (const variant of variantsOf(source)) {
      for (const auth of SUPPORT[source].auth) {
        for (const pagination of SUPPORT[source].pagination) {
          for (const sync of SYNC_MODES) out.push({ source, ...variant, auth, pagination, sync });
        }
      }
    }
  }
  return out;
}

/** A combination as scaffold options. */
export function comboOptions(c: Combination): ScaffoldOptions {
  return { source_type: c.source, auth: c.auth, pagination: c.pagination, sync: c.sync, ...(c.storage ? { storage: c.storage } : {}), ...(c.driver ? { driver: c.driver } : {}) };
}

/** A short label such as "file[s3]/none/none/full". */
export function comboLabel(c: Combination): string {
  const variant = c.storage ?? c.driver;
  return `${c.source}${variant ? `[${variant}]` : ""}/${c.auth}/${c.pagination}/${c.sync}`;
}

/** The choices as data, for --list and the connector-sdk://scaffold/choices resource. */
export function listChoices() {
  return {
    source_type: SOURCE_TYPES.map((s) => ({
      value: s,
      description: SUPPORT[s].summary,
      auth: [...SUPPORT[s].auth],
      pagination: [...SUPPORT[s].pagination],
      child_tables: SUPPORT[s].childTables,
      ...(s === "file" ? { storage: [...STORAGE_TYPES] } : {}),
      ...(s === "database" ? { driver: [...DATABASE_DRIVERS] } : {}),
    })),
    auth: AUTH_TYPES.map((a) => ({ value: a, description: DESCRIPTIONS.auth[a] })),
    pagination: PAGINATION_TYPES.map((p) => ({ value: p, description: DESCRIPTIONS.pagination[p] })),
    sync: SYNC_MODES.map((s) => ({ value: s, description: DESCRIPTIONS.sync[s] })),
    storage: STORAGE_TYPES.map((s) => ({ value: s, description: DESCRIPTIONS.storage[s], source_type: "file" })),
    driver: DATABASE_DRIVERS.map((d) => ({ value: d, description: DESCRIPTIONS.driver[d], source_type: "database" })),
    operation_style: OPERATION_STYLES.map((s) => ({ value: s, description: DESCRIPTIONS.operation_style[s] })),
    combinations: allCombinations().length,
  };
}
