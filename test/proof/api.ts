import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback API in the style of fivetran-api-playground's incremental and pagination endpoints, for the proof
 * tests (record/replay, crash and resume, faults). Every request needs `Authorization: Bearer <API_KEY>`.
 *
 *   GET /items?since=ISO&cursor=N      rows with updated_at > since, ordered by (updated_at, id), PAGE rows a page;
 *                                      {"items": [...], "next_cursor": "N" | null}
 *   GET /unordered?since=ISO&page=P    the same rows, ordered by id (not by updated_at); {"items", "next_page"}
 *   GET /secret-echo?token=KEY         a request that carries the key in its URL; answers {"items": []}
 */
export const API_KEY = "proof-key-8c1f3a9d2b7e";
export const PAGE = 4;
export const ROWS = 12;
const T0 = Date.UTC(2024, 0, 1);

export interface ApiRow {
  id: number;
  name: string;
  amount: number;
  updated_at: string;
}

/** Rows whose update times do not follow their ids, so an id-ordered page is not time-ordered. */
export function apiRows(): ApiRow[] {
  const out: ApiRow[] = [];
  for (let id = 1; id <= ROWS; id++) {
    out.push({ id, name: `item ${id}`, amount: id * 1.5, updated_at: new Date(T0 + ((id * 7) % ROWS) * 60_000 + id * 1000).toISOString() });
  }
  return out;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export interface ProofApi {
  url: string;
  requests: number;
  close(): Promise<void>;
}

export async function startProofApi(): Promise<ProofApi> {
  const api = { url: "", requests: 0, close: async () => {} };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    api.requests++;
    const u = new URL(req.url ?? "/", "http://localhost");
    if (req.headers.authorization !== `Bearer ${API_KEY}`) return send(res, 401, { error: "unauthorized" });
    const since = u.searchParams.get("since") ?? "";
    const rows = apiRows().filter((r) => r.updated_at > since);
    if (u.pathname === "/items") {
      rows.sort((a, b) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.id - b.id));
      const at = Number(u.searchParams.get("cursor") ?? "0");
      const page = rows.slice(at, at + PAGE);
      return send(res, 200, { items: page, next_cursor: at + PAGE < rows.length ? String(at + PAGE) : null });
    }
    if (u.pathname === "/unordered") {
      rows.sort((a, b) => a.id - b.id);
      const p = Number(u.searchParams.get("page") ?? "1");
      const page = rows.slice((p - 1) * PAGE, p * PAGE);
      return send(res, 200, { items: page, next_page: p * PAGE < rows.length ? p + 1 : null });
    }
    if (u.pathname === "/secret-echo") return send(res, 200, { items: [], echoed: u.searchParams.get("token") });
    return send(res, 404, { error: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  server.keepAliveTimeout = 1000;
  return api;
}
