import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback S3-compatible object store for the scaffold's file source with storage s3. It speaks
 * the two calls the generated connector makes, path-style (as clients do with an endpoint_url):
 *
 *   GET /{bucket}?list-type=2&prefix=…&continuation-token=…   ListObjectsV2, at most LIST_CAP keys a page
 *   GET /{bucket}/{key}                                         GetObject
 *
 * Every request must carry a SigV4 Authorization header for S3_CREDENTIALS.access_key_id, plus the
 * x-amz-date and x-amz-content-sha256 headers SigV4 signs. The check is presence and format only:
 * the signature is not recomputed, because proving boto3's signing is boto3's business, not the
 * scaffold's. The secret never travels, so the tests check it stays out of logs and state instead.
 */
export const S3_CREDENTIALS = { access_key_id: "MOCKS3ACCESSKEY00001", secret_access_key: "mock-s3-secret-key-0123456789" } as const;

/** Keys per ListObjectsV2 page: small, so a listing of a few objects already needs continuation tokens. */
export const LIST_CAP = 2;

interface StoredObject {
  body: Buffer;
  lastModified: Date;
}

export interface MockS3 {
  url: string;
  /** Stores an object; lastModified is kept to whole seconds, as S3 does. */
  put(bucket: string, key: string, body: string, lastModified: Date): void;
  requests: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/[a-z0-9-]+\/s3\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;
const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const s3Error = (status: number, code: string, message: string) => ({
  status,
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`,
  headers: { "Content-Type": "application/xml" },
});

export async function startMockS3(): Promise<MockS3> {
  const buckets = new Map<string, Map<string, StoredObject>>();
  const requests: MockS3["requests"] = [];

  function denied(req: IncomingMessage): string | null {
    const m = SIGV4.exec(req.headers.authorization ?? "");
    if (!m) return "missing or malformed AWS4-HMAC-SHA256 Authorization header";
    if (m[1] !== S3_CREDENTIALS.access_key_id) return "unknown access key id";
    if (!req.headers["x-amz-date"] || !req.headers["x-amz-content-sha256"]) return "x-amz-date or x-amz-content-sha256 missing";
    return null;
  }

  function list(bucket: Map<string, StoredObject>, q: URLSearchParams) {
    if (q.get("list-type") !== "2") return s3Error(400, "InvalidArgument", "only ListObjectsV2 (list-type=2) is implemented");
    const prefix = q.get("prefix") ?? "";
    const maxKeys = Math.min(Number(q.get("max-keys") ?? 1000), LIST_CAP);
    // The continuation token is opaque to clients; here it is the last key returned, base64-encoded.
    const token = q.get("continuation-token");
    const after = token ? Buffer.from(token, "base64").toString("utf8") : (q.get("start-after") ?? "");
    const keys = [...bucket.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const page = keys.slice(0, maxKeys);
    const truncated = keys.length > page.length;
    const encode = q.get("encoding-type") === "url" ? (k: string) => encodeURIComponent(k).replace(/%2F/g, "/") : (k: string) => k;
    const contents = page
      .map((k) => {
        const o = bucket.get(k)!;
        return `<Contents><Key>${xmlEscape(encode(k))}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>"${o.body.length}"</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join("");
    const next = truncated ? `<NextContinuationToken>${Buffer.from(page[page.length - 1]).toString("base64")}</NextContinuationToken>` : "";
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
      `<Name>bucket</Name><Prefix>${xmlEscape(encode(prefix))}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>` +
      `${q.get("encoding-type") === "url" ? "<EncodingType>url</EncodingType>" : ""}<IsTruncated>${truncated}</IsTruncated>${token ? `<ContinuationToken>${token}</ContinuationToken>` : ""}${next}${contents}</ListBucketResult>`;
    return { status: 200, body, headers: { "Content-Type": "application/xml" } };
  }

  function route(req: IncomingMessage, url: URL): { status: number; body: string | Buffer; headers: Record<string, string> } {
    const why = denied(req);
    if (why) return s3Error(403, "AccessDenied", why);
    if (req.method !== "GET") return s3Error(405, "MethodNotAllowed", "only GET is implemented");
    const [, bucketName, ...rest] = url.pathname.split("/");
    const bucket = buckets.get(decodeURIComponent(bucketName ?? ""));
    if (!bucket) return s3Error(404, "NoSuchBucket", "The specified bucket does not exist");
    if (rest.length === 0 || (rest.length === 1 && rest[0] === "")) return list(bucket, url.searchParams);
    const key = decodeURIComponent(rest.join("/"));
    const o = bucket.get(key);
    if (!o) return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    return {
      status: 200,
      body: o.body,
      headers: { "Content-Type": "application/octet-stream", "Content-Length": String(o.body.length), "Last-Modified": o.lastModified.toUTCString(), ETag: `"${o.body.length}"` },
    };
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      const out = route(req, url);
      requests.push({ method: req.method ?? "", path: url.pathname + url.search, status: out.status });
      res.writeHead(out.status, out.headers);
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    put(bucket, key, body, lastModified) {
      if (!buckets.has(bucket)) buckets.set(bucket, new Map());
      buckets.get(bucket)!.set(key, { body: Buffer.from(body, "utf8"), lastModified: new Date(Math.floor(lastModified.getTime() / 1000) * 1000) });
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
