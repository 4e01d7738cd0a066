import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback HTTP API for the scaffold tests. It implements every auth and pagination style the
 * scaffold offers, and a GraphQL endpoint. The URL carries the choices and the data version, so
 * concurrent runs never interfere:
 *
 *   /{auth}/{pagination}/v{version}/{table}                    rows of a table
 *   /{auth}/{pagination}/v{version}/{parent}/{id}/{child}      rows of a child table for one parent
 *   /{auth}/{pagination}/v{version}/graphql                    POST {query, variables}; a child table's
 *                                                              connection nests under {parent}(id: $parentId)
 *   /{auth}/oauth/token                                        OAuth 2.0 token endpoint
 *
 * Version 0 is the initial data; each later version changes two rows and adds three per table
 * (and changes or adds child rows, including under parents that did not change), so a second
 * incremental run proves it writes exactly the new and changed rows. Responses are ordered by
 * (updated_at, id), and pages are capped at PAGE_CAP rows so every style really paginates.
 */
export const CREDENTIALS = {
  api_key: "test-key-0123456789",
  api_token: "test-token-abcdef",
  username: "mock-user",
  password: "mock-pass-123",
  client_id: "mock-client",
  client_secret: "mock-secret-xyz",
  refresh_token: "mock-refresh-token",
} as const;

export const PAGE_CAP = 10;
export const BASE_ROWS = 12;
export const CHILDREN_PER_PARENT = 3;
/** An access token is accepted for this many API requests, then answers 401 (forcing a refresh). */
export const TOKEN_USES = 7;

const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

export interface Row {
  id: number;
  name: string;
  amount: number;
  updated_at: string;
  [k: string]: unknown;
}

/** A table's rows at a data version. Deterministic, so tests can compute what changed. */
export function tableRows(table: string, version: number): Row[] {
  const rows = new Map<number, Row>();
  for (let id = 1; id <= BASE_ROWS; id++) rows.set(id, { id, name: `${table} ${id}`, amount: id * 2.5, updated_at: iso(T0 + id * 60_000) });
  for (let k = 1; k <= version; k++) {
    const at = T0 + k * 86_400_000;
    for (const id of [2 * k, 2 * k + 3]) {
      const r = rows.get(id);
      if (r) rows.set(id, { ...r, name: `${r.name} (changed in v${k})`, updated_at: iso(at + id * 1000) });
    }
    for (let j = 1; j <= 3; j++) {
      const id = BASE_ROWS + 3 * (k - 1) + j;
      rows.set(id, { id, name: `${table} ${id} (new in v${k})`, amount: id, updated_at: iso(at + id * 1000) });
    }
  }
  return sortRows([...rows.values()]);
}

/** A child table's rows under one parent at a data version. */
export function childRows(child: string, parentId: number, version: number): Row[] {
  const rows = new Map<number, Row>();
  for (let id = 1; id <= CHILDREN_PER_PARENT; id++) {
    rows.set(id, { id, name: `${child} ${id} of ${parentId}`, amount: id, updated_at: iso(T0 + parentId * 60_000 + id * 1000) });
  }
  for (let k = 1; k <= version; k++) {
    const at = T0 + k * 86_400_000;
    // Parent 2k's first child changes; parent 1 (which itself never changes) gains a child.
    if (parentId === 2 * k) rows.set(1, { ...rows.get(1)!, name: `${child} 1 of ${parentId} (changed in v${k})`, updated_at: iso(at + 500) });
    if (parentId === 1) {
      const id = CHILDREN_PER_PARENT + k;
      rows.set(id, { id, name: `${child} ${id} of 1 (new in v${k})`, amount: id, updated_at: iso(at + 700) });
    }
  }
  return sortRows([...rows.values()]);
}

function sortRows(rows: Row[]): Row[] {
  return rows.sort((a, b) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.id - b.id));
}

/** Rows of version `to` that are new or different from version `from`. */
export function changedRows(before: Row[], after: Row[]): Row[] {
  const old = new Map(before.map((r) => [r.id, JSON.stringify(r)]));
  return after.filter((r) => old.get(r.id) !== JSON.stringify(r));
}

export interface RequestRecord {
  method: string;
  url: string;
  status: number;
  authorization?: string;
}

export interface MockApi {
  url: string;
  /** Base URL a connector is configured with for these choices and data version. */
  baseUrl(auth: string, pagination: string, version: number, graphql?: boolean): string;
  tokenUrl(auth: string): string;
  requests: RequestRecord[];
  /** Answer the next n data requests with 429 (Retry-After: retryAfter) and then m with 503. */
  injectFaults(n429: number, retryAfter: string, n503: number): void;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, url: URL, body: string) => { status: number; body: unknown; headers?: Record<string, string> };

export async function startMockApi(): Promise<MockApi> {
  const tokens = new Map<string, number>();
  let tokenSeq = 0;
  const faults = { n429: 0, retryAfter: "0", n503: 0 };
  const requests: RequestRecord[] = [];

  const json = (status: number, body: unknown, headers?: Record<string, string>) => ({ status, body, headers });

  function checkAuth(auth: string, req: IncomingMessage, url: URL): string | null {
    const h = req.headers;
    switch (auth) {
      case "none":
        return null;
      case "api_key_header":
        return h["x-api-key"] === CREDENTIALS.api_key ? null : "missing or wrong X-API-Key";
      case "api_key_query":
        return url.searchParams.get("api_key") === CREDENTIALS.api_key ? null : "missing or wrong api_key parameter";
      case "bearer":
        return h.authorization === `Bearer ${CREDENTIALS.api_token}` ? null : "missing or wrong bearer token";
      case "basic": {
        const want = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString("base64")}`;
        return h.authorization === want ? null : "missing or wrong basic credentials";
      }
      case "oauth2_client_credentials":
      case "oauth2_refresh_token": {
        const token = /^Bearer (.+)$/.exec(h.authorization ?? "")?.[1];
        const left = token ? tokens.get(token) : undefined;
        if (!token || left === undefined || left <= 0) return "access token missing, unknown or expired";
        tokens.set(token, left - 1);
        return null;
      }
      default:
        return `unknown auth ${auth}`;
    }
  }

  const tokenEndpoint: Handler = (_req, url, body) => {
    const auth = url.pathname.split("/")[1];
    const form = new URLSearchParams(body);
    const clientOk = form.get("client_id") === CREDENTIALS.client_id && form.get("client_secret") === CREDENTIALS.client_secret;
    const grantOk =
      auth === "oauth2_client_credentials" ? form.get("grant_type") === "client_credentials" : form.get("grant_type") === "refresh_token" && form.get("refresh_token") === CREDENTIALS.refresh_token;
    if (!clientOk || !grantOk) return json(400, { error: "invalid_grant" });
    const token = `tok-${++tokenSeq}-${Math.random().toString(36).slice(2)}`;
    tokens.set(token, TOKEN_USES);
    return json(200, { access_token: token, token_type: "Bearer", expires_in: 3600, refresh_token: CREDENTIALS.refresh_token });
  };

  function filtered(rows: Row[], q: URLSearchParams): Row[] {
    const since = q.get("updated_since");
    const after = q.get("updated_after");
    const afterId = Number(q.get("after_id") ?? "0");
    return rows.filter((r) => {
      if (since && !(r.updated_at > since)) return false;
      if (after && !(r.updated_at > after || (r.updated_at === after && r.id > afterId))) return false;
      return true;
    });
  }

  function page(pagination: string, rows: Row[], url: URL): { status: number; body: unknown; headers?: Record<string, string> } {
    const q = url.searchParams;
    // Links never echo credentials: the client adds them to every request itself.
    const link = (params: Record<string, string | number>) => {
      const next = new URL(url.href);
      next.searchParams.delete("api_key");
      for (const [k, v] of Object.entries(params)) next.searchParams.set(k, String(v));
      return next.href;
    };
    switch (pagination) {
      case "none":
        return json(200, { data: rows });
      case "page_number": {
        const per = Math.min(Number(q.get("per_page") ?? PAGE_CAP), PAGE_CAP);
        const p = Number(q.get("page") ?? 1);
        return json(200, { data: rows.slice((p - 1) * per, p * per), page: p, per_page: per, total_pages: Math.max(1, Math.ceil(rows.length / per)) });
      }
      case "offset": {
        const limit = Math.min(Number(q.get("limit") ?? PAGE_CAP), PAGE_CAP);
        const offset = Number(q.get("offset") ?? 0);
        return json(200, { data: rows.slice(offset, offset + limit), offset, limit, total: rows.length });
      }
      case "cursor": {
        const limit = Math.min(Number(q.get("limit") ?? PAGE_CAP), PAGE_CAP);
        const start = q.get("cursor") ? Number(Buffer.from(q.get("cursor")!, "base64url").toString()) : 0;
        const end = start + limit;
        return json(200, { data: rows.slice(start, end), next_cursor: end < rows.length ? Buffer.from(String(end)).toString("base64url") : null });
      }
      case "link_header": {
        const per = Math.min(Number(q.get("per_page") ?? PAGE_CAP), PAGE_CAP);
        const p = Number(q.get("page") ?? 1);
        const headers: Record<string, string> = {};
        if (p * per < rows.length) headers.Link = `<${link({ page: p + 1, per_page: per })}>; rel="next"`;
        return json(200, { data: rows.slice((p - 1) * per, p * per) }, headers);
      }
      case "next_url": {
        const per = Math.min(Number(q.get("per_page") ?? PAGE_CAP), PAGE_CAP);
        const p = Number(q.get("page") ?? 1);
        return json(200, { data: rows.slice((p - 1) * per, p * per), next_url: p * per < rows.length ? link({ page: p + 1, per_page: per }) : null });
      }
      case "keyset_timestamp": {
        const limit = Math.min(Number(q.get("limit") ?? PAGE_CAP), PAGE_CAP);
        return json(200, { data: rows.slice(0, limit), has_more: rows.length > limit });
      }
      default:
        return json(400, { error: `unknown pagination ${pagination}` });
    }
  }

  function graphql(pagination: string, version: number, body: string) {
    let req: { query?: string; variables?: Record<string, unknown> };
    try {
      req = JSON.parse(body);
    } catch {
      return json(400, { errors: [{ message: "body is not JSON" }] });
    }
    const query = req.query ?? "";
    const v = req.variables ?? {};
    // A child table's connection is nested under its parent, fetched by id: { user(id: $parentId) { orders(...) { ... } } }.
    const nested = /\{\s*([A-Za-z_]\w*)\s*\(\s*id:\s*\$parentId\s*\)\s*\{\s*([A-Za-z_]\w*)\s*\(/.exec(query);
    const field = nested ? nested[2] : /\{\s*([A-Za-z_]\w*)\s*\(/.exec(query)?.[1];
    if (!field) return json(200, { errors: [{ message: "no root field in query" }] });
    let rows: Row[];
    if (nested) {
      const parentId = Number(v.parentId);
      if (!/\(\s*\$parentId:\s*ID!/.test(query)) return json(200, { errors: [{ message: "variable $parentId must be declared as ID!" }] });
      if (!Number.isInteger(parentId) || parentId < 1) return json(200, { errors: [{ message: `parentId ${String(v.parentId)} is not an id` }] });
      // Like a real API, an unknown parent is null rather than an error.
      if (!tableRows(`${nested[1]}s`, version).some((r) => r.id === parentId)) return json(200, { data: { [nested[1]]: null } });
      rows = childRows(field, parentId, version);
    } else {
      rows = tableRows(field, version);
    }
    if (typeof v.updatedSince === "string") rows = rows.filter((r) => r.updated_at > (v.updatedSince as string));
    const wrap = (connection: unknown) => json(200, { data: nested ? { [nested[1]]: { [field]: connection } } : { [field]: connection } });
    if (pagination === "none") return wrap({ nodes: rows });
    if (pagination === "offset") {
      const limit = Math.min(Number(v.limit ?? PAGE_CAP), PAGE_CAP);
      const offset = Number(v.offset ?? 0);
      return wrap({ nodes: rows.slice(offset, offset + limit), totalCount: rows.length });
    }
    const first = Math.min(Number(v.first ?? PAGE_CAP), PAGE_CAP);
    const start = typeof v.after === "string" ? Number(Buffer.from(v.after, "base64url").toString()) : 0;
    const end = start + first;
    return wrap({ nodes: rows.slice(start, end), pageInfo: { hasNextPage: end < rows.length, endCursor: Buffer.from(String(end)).toString("base64url") } });
  }

  const route: Handler = (req, url, body) => {
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts.length === 3 && parts[1] === "oauth" && parts[2] === "token" && req.method === "POST") return tokenEndpoint(req, url, body);
    const [auth, pagination, ver, ...rest] = parts;
    const version = Number(/^v(\d+)$/.exec(ver ?? "")?.[1] ?? NaN);
    if (!auth || !pagination || Number.isNaN(version) || rest.length === 0) return json(404, { error: "not found" });
    if (faults.n429 > 0) {
      faults.n429--;
      return json(429, { error: "slow down" }, { "Retry-After": faults.retryAfter });
    }
    if (faults.n503 > 0) {
      faults.n503--;
      return json(503, { error: "try again" });
    }
    const denied = checkAuth(auth, req, url);
    if (denied) return json(401, { error: denied });
    if (rest.length === 1 && rest[0] === "graphql") return req.method === "POST" ? graphql(pagination, version, body) : json(405, { error: "POST only" });
    if (req.method !== "GET") return json(405, { error: "GET only" });
    if (rest.length === 1) return page(pagination, filtered(tableRows(rest[0], version), url.searchParams), url);
    if (rest.length === 3 && /^\d+$/.test(rest[1])) return page(pagination, filtered(childRows(rest[2], Number(rest[1]), version), url.searchParams), url);
    return json(404, { error: "not found" });
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      // The Host header keeps the port, so pagination links point back at this server.
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      let out: ReturnType<Handler>;
      try {
        out = route(req, url, Buffer.concat(chunks).toString("utf8"));
      } catch (e) {
        out = json(500, { error: String(e) });
      }
      requests.push({ method: req.method ?? "", url: url.pathname + url.search, status: out.status, authorization: req.headers.authorization });
      res.writeHead(out.status, { "Content-Type": "application/json", ...(out.headers ?? {}) });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: (auth, pagination, version, gql = false) => `${url}/${auth}/${pagination}/v${version}${gql ? "/graphql" : ""}`,
    tokenUrl: (auth) => `${url}/${auth}/oauth/token`,
    requests,
    injectFaults(n429, retryAfter, n503) {
      faults.n429 = n429;
      faults.retryAfter = retryAfter;
      faults.n503 = n503;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
