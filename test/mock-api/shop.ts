import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback "shop" API for the per-table scaffold tests: it stands in for a real REST API (none is reachable
 * here). Unlike test/mock-api/server.ts, no record has an `id`, and every endpoint has its own key, cursor field,
 * pagination style and parameter rules: a parameter it does not take, or a page size over its limit, is answered
 * with HTTP 400 and a message saying what is wrong, as a strict real API would. A connector that sends one page
 * size or one pagination style to every table, or reads record["id"], fails here.
 *
 *   /v{version}/{endpoint}                         rows of a table, under "data"
 *   /v{version}/customers/{customer_no}/notes      rows of the child table for one customer
 *   /v{version}/graphql                            POST {query, variables}: see graphql() below
 *
 * Version 0 is the initial data; each later version changes two rows and adds two per table, changes a note of
 * customer 2 and adds one to customer 1, so a second incremental run must write exactly those rows.
 */
export type Style = "none" | "page_number" | "offset" | "cursor" | "link_header" | "next_url" | "keyset_timestamp";

export interface Endpoint {
  /** The table name in the scaffold, and the URL path (notes: customers/{parent_id}/notes). */
  table: string;
  path: string;
  key: string[];
  cursorField: string;
  style: Style;
  /** The page-size parameter and its limit (none for style none). */
  sizeParam?: "limit" | "per_page";
  maxSize?: number;
  parent?: string;
}

export const ENDPOINTS: Endpoint[] = [
  { table: "orders", path: "orders", key: ["order_no"], cursorField: "updated_at", style: "cursor", sizeParam: "limit", maxSize: 50 },
  { table: "stock", path: "stock", key: ["region", "sku"], cursorField: "updated_at", style: "page_number", sizeParam: "per_page", maxSize: 100 },
  { table: "customers", path: "customers", key: ["customer_no"], cursorField: "updated_at", style: "offset", sizeParam: "limit", maxSize: 25 },
  { table: "notes", path: "customers/{parent_id}/notes", key: ["note_no"], cursorField: "updated_at", style: "link_header", sizeParam: "per_page", maxSize: 20, parent: "customers" },
  { table: "invoices", path: "invoices", key: ["invoice_no"], cursorField: "updated_at", style: "keyset_timestamp", sizeParam: "limit", maxSize: 40 },
  { table: "events", path: "events", key: ["stream", "seq"], cursorField: "modified_at", style: "next_url", sizeParam: "per_page", maxSize: 30 },
  { table: "regions", path: "regions", key: ["code"], cursorField: "updated_at", style: "none" },
];

export const BASE = 7;
const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
export type ShopRow = Record<string, string | number>;

/** The key of the n-th row: composite keys repeat each part, so only the whole key is unique. */
function keyOf(e: Endpoint, n: number): ShopRow {
  switch (e.table) {
    case "stock":
      return { region: n % 2 ? "us" : "eu", sku: `sku-${Math.ceil(n / 2)}` };
    case "events":
      return { stream: n % 2 ? "a" : "b", seq: Math.ceil(n / 2) };
    case "regions":
      return { code: `r${String(n).padStart(2, "0")}` };
    default:
      return { [e.key[0]]: 1000 + n };
  }
}

function sortRows(e: Endpoint, rows: ShopRow[]): ShopRow[] {
  const k = (r: ShopRow) => [String(r[e.cursorField]), ...e.key.map((c) => String(r[c]).padStart(12, "0"))].join("|");
  return rows.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

/** A top-level table's rows at a data version. */
export function shopRows(table: string, version: number): ShopRow[] {
  const e = ENDPOINTS.find((x) => x.table === table)!;
  const rows = new Map<number, ShopRow>();
  for (let n = 1; n <= BASE; n++) rows.set(n, { ...keyOf(e, n), name: `${table} ${n}`, [e.cursorField]: iso(T0 + n * 60_000) });
  for (let k = 1; k <= version; k++) {
    const at = T0 + k * 86_400_000;
    for (const n of [2, 5]) rows.set(n, { ...rows.get(n)!, name: `${table} ${n} (changed in v${k})`, [e.cursorField]: iso(at + n * 1000) });
    for (let j = 1; j <= 2; j++) {
      const n = BASE + 2 * (k - 1) + j;
      rows.set(n, { ...keyOf(e, n), name: `${table} ${n} (new in v${k})`, [e.cursorField]: iso(at + n * 1000) });
    }
  }
  return sortRows(e, [...rows.values()]);
}

/** The notes of one customer at a data version (note_no repeats across customers). */
export function noteRows(customerNo: number, version: number): ShopRow[] {
  const e = ENDPOINTS.find((x) => x.table === "notes")!;
  const rows = new Map<number, ShopRow>();
  for (let n = 1; n <= 2; n++) rows.set(n, { note_no: n, name: `note ${n} of ${customerNo}`, updated_at: iso(T0 + customerNo * 60_000 + n * 1000) });
  for (let k = 1; k <= version; k++) {
    const at = T0 + k * 86_400_000;
    if (customerNo === 1002) rows.set(1, { ...rows.get(1)!, name: `note 1 of ${customerNo} (changed in v${k})`, updated_at: iso(at + 500) });
    if (customerNo === 1001) rows.set(2 + k, { note_no: 2 + k, name: `note ${2 + k} of ${customerNo} (new in v${k})`, updated_at: iso(at + 700) });
  }
  return sortRows(e, [...rows.values()]);
}

/** Rows of a table (all notes, with their customer) that are new or different in version `to` compared with `to - 1`. */
export function changedCount(table: string, to: number): number {
  const diff = (a: ShopRow[], b: ShopRow[]) => {
    const old = new Set(a.map((r) => JSON.stringify(r)));
    return b.filter((r) => !old.has(JSON.stringify(r))).length;
  };
  if (table === "notes") {
    const before = new Set(to > 0 ? shopRows("customers", to - 1).map((c) => c.customer_no) : []);
    return shopRows("customers", to)
      .map((c) => diff(before.has(c.customer_no) ? noteRows(Number(c.customer_no), to - 1) : [], noteRows(Number(c.customer_no), to)))
      .reduce((x, y) => x + y, 0);
  }
  return diff(to > 0 ? shopRows(table, to - 1) : [], shopRows(table, to));
}

export interface ShopApi {
  url: string;
  baseUrl(version: number): string;
  /** Every request as path and query, with its status and the error message of a 400. */
  requests: { url: string; status: number; error?: string }[];
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** The parameters each style takes besides updated_since. */
const STYLE_PARAMS: Record<Style, string[]> = {
  none: [],
  page_number: ["page", "per_page"],
  offset: ["offset", "limit"],
  cursor: ["limit", "cursor"],
  link_header: ["page", "per_page"],
  next_url: ["page", "per_page"],
  keyset_timestamp: ["limit", "updated_after", "after_id"],
};

function respond(e: Endpoint, all: ShopRow[], url: URL): Answer {
  const q = url.searchParams;
  const bad = (error: string): Answer => ({ status: 400, body: { error } });
  const allowed = ["updated_since", ...STYLE_PARAMS[e.style]];
  for (const name of q.keys()) {
    if (!allowed.includes(name)) return bad(`${e.path}: unknown parameter '${name}'; this endpoint takes ${allowed.join(", ")}`);
  }
  let size = 0;
  if (e.sizeParam) {
    size = Number(q.get(e.sizeParam) ?? "10");
    if (!Number.isInteger(size) || size < 1 || size > (e.maxSize ?? 0)) return bad(`${e.path}: ${e.sizeParam} must be a whole number from 1 to ${e.maxSize}, got '${q.get(e.sizeParam)}'`);
  }
  const since = q.get("updated_since");
  let rows = since ? all.filter((r) => String(r[e.cursorField]) > since) : all;
  const next = (params: Record<string, string | number>) => {
    const u = new URL(url.href);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, String(v));
    return u.href;
  };
  switch (e.style) {
    case "none":
      return { status: 200, body: { data: rows } };
    case "page_number": {
      const page = Number(q.get("page") ?? "1");
      return { status: 200, body: { data: rows.slice((page - 1) * size, page * size), total_pages: Math.max(1, Math.ceil(rows.length / size)) } };
    }
    case "offset": {
      const offset = Number(q.get("offset") ?? "0");
      return { status: 200, body: { data: rows.slice(offset, offset + size), total: rows.length } };
    }
    case "cursor": {
      const start = q.get("cursor") ? Number(Buffer.from(q.get("cursor")!, "base64url").toString()) : 0;
      const end = start + size;
      return { status: 200, body: { data: rows.slice(start, end), next_cursor: end < rows.length ? Buffer.from(String(end)).toString("base64url") : null } };
    }
    case "link_header":
    case "next_url": {
      const page = Number(q.get("page") ?? "1");
      const more = page * size < rows.length;
      const data = rows.slice((page - 1) * size, page * size);
      if (e.style === "next_url") return { status: 200, body: { data, next_url: more ? next({ page: page + 1 }) : null } };
      return { status: 200, body: { data }, headers: more ? { Link: `<${next({ page: page + 1 })}>; rel="next"` } : {} };
    }
    case "keyset_timestamp": {
      const after = q.get("updated_after");
      const afterKey = q.get("after_id");
      if ((after === null) !== (afterKey === null)) return bad(`${e.path}: updated_after and after_id go together`);
      if (after !== null) {
        const k = e.key[0];
        rows = rows.filter((r) => String(r[e.cursorField]) > after || (String(r[e.cursorField]) === after && Number(r[k]) > Number(afterKey)));
      }
      return { status: 200, body: { data: rows.slice(0, size), has_more: rows.length > size } };
    }
  }
}

/**
 * The GraphQL side: POST /v{version}/graphql. Each connection has its own pagination (orders: first/after up to
 * 50; stock: limit/offset up to 100; customers: none; a customer's notes, nested under customer(id: $parentId):
 * first/after up to 20). Only the selected fields are returned, and selecting a field the type lacks (such as id),
 * or arguments and variables of another pagination, is answered with HTTP 400 and a message.
 */
export const GRAPHQL: Record<string, { style: "none" | "cursor" | "offset"; max?: number }> = {
  orders: { style: "cursor", max: 50 },
  stock: { style: "offset", max: 100 },
  customers: { style: "none" },
  notes: { style: "cursor", max: 20 },
};

function graphql(version: number, body: string): Answer {
  const bad = (message: string): Answer => ({ status: 400, body: { errors: [{ message }] } });
  let req: { query?: unknown; variables?: Record<string, unknown> };
  try {
    req = JSON.parse(body) as typeof req;
  } catch {
    return bad("body is not JSON");
  }
  const query = typeof req.query === "string" ? req.query : "";
  const v = req.variables ?? {};
  const nested = /\{\s*(\w+)\s*\(\s*id:\s*\$parentId\s*\)\s*\{\s*(\w+)\s*\(([^)]*)\)/.exec(query);
  const root = /\{\s*(\w+)\s*\(([^)]*)\)/.exec(query);
  const field = nested ? nested[2] : root?.[1];
  const args = (nested ? nested[3] : root?.[2]) ?? "";
  const rule = field ? GRAPHQL[field] : undefined;
  if (!field || !rule || (field === "notes") !== Boolean(nested)) return bad(`Cannot query field '${field ?? ""}' here`);
  if (nested && nested[1] !== "customer") return bad(`Cannot query field '${nested[1]}' on type Query`);
  const used = [...args.matchAll(/(\w+):/g)].map((m) => m[1]).filter((a) => a !== "updatedSince");
  const want = { none: [], cursor: ["first", "after"], offset: ["limit", "offset"] }[rule.style];
  if (used.join(",") !== want.join(",")) return bad(`${field} takes arguments ${["updatedSince", ...want].join(", ")}, got ${used.join(", ") || "none"}`);
  const e = ENDPOINTS.find((x) => x.table === field)!;
  let rows: ShopRow[];
  if (nested) {
    const customerNo = Number(v.parentId);
    if (!shopRows("customers", version).some((c) => c.customer_no === customerNo)) return { status: 200, body: { data: { customer: null } } };
    rows = noteRows(customerNo, version);
  } else {
    rows = shopRows(field, version);
  }
  const selection = (/nodes\s*\{([^}]*)\}/.exec(query)?.[1] ?? "").trim().split(/\s+/).filter(Boolean);
  const missing = selection.filter((f) => !rows.length || !(f in rows[0]));
  if (rows.length && missing.length) return bad(`Cannot query field '${missing[0]}' on type ${field}; it has ${Object.keys(rows[0]).join(", ")}`);
  if (typeof v.updatedSince === "string") rows = rows.filter((r) => String(r[e.cursorField]) > (v.updatedSince as string));
  const size = Number(rule.style === "cursor" ? v.first : v.limit);
  if (rule.style !== "none" && (!Number.isInteger(size) || size < 1 || size > (rule.max ?? 0))) {
    return bad(`${field}: ${rule.style === "cursor" ? "first" : "limit"} must be from 1 to ${rule.max}, got ${String(rule.style === "cursor" ? v.first : v.limit)}`);
  }
  const pick = (r: ShopRow) => Object.fromEntries(selection.map((f) => [f, r[f]]));
  let connection: Record<string, unknown>;
  if (rule.style === "none") connection = { nodes: rows.map(pick) };
  else if (rule.style === "offset") {
    const offset = Number(v.offset ?? 0);
    connection = { nodes: rows.slice(offset, offset + size).map(pick), totalCount: rows.length };
  } else {
    const start = typeof v.after === "string" ? Number(Buffer.from(v.after, "base64url").toString()) : 0;
    const end = start + size;
    connection = { nodes: rows.slice(start, end).map(pick), pageInfo: { hasNextPage: end < rows.length, endCursor: Buffer.from(String(end)).toString("base64url") } };
  }
  return { status: 200, body: { data: nested ? { customer: { [field]: connection } } : { [field]: connection } } };
}

export async function startShopApi(): Promise<ShopApi> {
  const requests: ShopApi["requests"] = [];
  const route = (url: URL): Answer => {
    const m = /^\/v(\d+)\/(.+)$/.exec(url.pathname);
    if (!m) return { status: 404, body: { error: "not found" } };
    const version = Number(m[1]);
    const child = /^customers\/(\d+)\/notes$/.exec(m[2]);
    if (child) {
      const customerNo = Number(child[1]);
      if (!shopRows("customers", version).some((c) => c.customer_no === customerNo)) return { status: 404, body: { error: `no customer ${customerNo}` } };
      return respond(
        ENDPOINTS.find((x) => x.table === "notes")!,
        noteRows(customerNo, version),
        url,
      );
    }
    const e = ENDPOINTS.find((x) => x.path === m[2]);
    if (!e) return { status: 404, body: { error: `no endpoint ${m[2]}` } };
    return respond(e, shopRows(e.table, version), url);
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      const gql = /^\/v(\d+)\/graphql$/.exec(url.pathname);
      const out: Answer = gql
        ? req.method === "POST"
          ? graphql(Number(gql[1]), Buffer.concat(chunks).toString("utf8"))
          : { status: 405, body: { error: "POST only" } }
        : req.method === "GET"
          ? route(url)
          : { status: 405, body: { error: "GET only" } };
      const error = out.status === 400 ? JSON.stringify(out.body) : undefined;
      requests.push({ url: url.pathname + url.search, status: out.status, ...(error ? { error } : {}) });
      res.writeHead(out.status, { "Content-Type": "application/json", ...(out.headers ?? {}) });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: (version) => `${url}/v${version}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
