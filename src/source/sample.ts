import { ToolError } from "../errors.js";
import { isPlaceholder, type Redactor } from "../workspace/redact.js";

/**
 * One bounded, read-only look at a source endpoint with the connector's configuration: an agent with only this
 * server otherwise learns the API's shape (field names, pagination keys, error bodies) by failing syncs.
 */
export interface SampleOptions {
  /** Absolute http(s) URL; `{key}` is replaced by the configuration value of `key`. */
  url: string;
  /** Request headers; values may hold `{key}` placeholders too. */
  headers?: Record<string, string>;
  configuration: Record<string, unknown>;
  redactor: Redactor;
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface SampleResult {
  method: "GET";
  url: string;
  status: number;
  content_type: string;
  headers: Record<string, string>;
  body: string;
  body_bytes: number;
  truncated: boolean;
  /** For a JSON body: the top-level keys, and the keys of the first record of the first array found. */
  json?: { top_level_keys: string[]; records_at?: string; record_count?: number; record_keys?: string[] };
  duration_ms: number;
}

/** Response headers worth showing: what pagination and rate limits are read from. */
const SHOWN_HEADERS = /^(content-type|link|retry-after|x-rate-?limit.*|ratelimit.*|x-total.*|x-next.*|x-page.*|x-per-page|location|etag|last-modified)$/i;

function fill(template: string, configuration: Record<string, unknown>, where: string): string {
  return template.replace(/\{([A-Za-z0-9_.-]+)\}/g, (_m, key: string) => {
    const v = configuration[key];
    if (typeof v !== "string") {
      throw new ToolError(
        "invalid_argument",
        `The ${where} names {${key}}, which configuration.json does not have as a string.`,
        `Use one of: ${Object.keys(configuration).join(", ") || "(no keys)"}.`,
        key,
      );
    }
    // A placeholder sent as a credential gets a bare 401 that does not say why: ask for the value instead.
    if (isPlaceholder(v) && !/^(none|null|true|false|test|demo|sample|example)$/i.test(v.trim())) {
      throw new ToolError(
        "configuration",
        `The ${where} names {${key}}, and configuration.json's ${key} is still the placeholder ${v}; the request was not sent.`,
        `Put the real value of ${key} in configuration.json (README.md says what it is), then call sample_source again.`,
        key,
      );
    }
    return v;
  });
}

export async function sampleSource(o: SampleOptions): Promise<SampleResult> {
  const url = fill(o.url, o.configuration, "url");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ToolError(
      "invalid_argument",
      `Not an absolute URL: ${o.redactor.redact(url)}.`,
      "Pass the full URL, e.g. http://127.0.0.1:5001/pagination/next_page_url or {base_url}/items.",
      o.redactor.redact(o.url),
    );
  }
  // Security: only plain web requests; no file:, data: or other schemes reach fetch.
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ToolError("invalid_argument", `Only http and https URLs can be sampled, not ${parsed.protocol}.`, "Pass the API's http(s) URL.", parsed.protocol);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.headers ?? {})) headers[k] = fill(v, o.configuration, `header ${k}`);
  const started = Date.now();
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  let res: Response;
  try {
    // Security: GET only, and redirects are not followed (a redirect could carry the headers to another host).
    res = await fetch(parsed, { method: "GET", headers, redirect: "manual", signal });
  } catch (e) {
    if (timeout.aborted)
      throw new ToolError("timeout", `No answer from ${o.redactor.redact(parsed.origin)} within ${o.timeoutMs / 1000} s.`, "Check the URL and that the source is reachable, or raise timeout_seconds.");
    if (o.signal?.aborted) throw new ToolError("cancelled", "The request was cancelled.");
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new ToolError(
      "not_found",
      `The request failed: ${o.redactor.redact(cause?.message ?? (e as Error).message)}.`,
      "Check the host and port in the URL (or the configuration value it comes from).",
      cause?.code,
    );
  }
  // Security: the body is read up to max_bytes and the connection dropped after, whatever the server sends.
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let truncated = false;
  const reader = res.body?.getReader();
  if (reader) {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const room = o.maxBytes - bytes;
        if (value.length > room) {
          chunks.push(value.subarray(0, room));
          bytes += room;
          truncated = true;
          break;
        }
        chunks.push(value);
        bytes += value.length;
      }
    } catch (e) {
      // The headers came in time but the body did not (a source sending a byte a second): the time limit, said so.
      if (timeout.aborted)
        throw new ToolError(
          "timeout",
          `${o.redactor.redact(parsed.origin)} answered (HTTP ${res.status}) but sent only ${bytes} byte(s) of the body within ${o.timeoutMs / 1000} s.`,
          "The source is slow or streams without end; try a smaller page (a limit parameter) or raise timeout_seconds.",
        );
      if (o.signal?.aborted) throw new ToolError("cancelled", "The request was cancelled.");
      throw new ToolError("not_found", `Reading the response failed: ${o.redactor.redact((e as Error).message)}.`, "Try again; check that the source is reachable.");
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  const shown: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (SHOWN_HEADERS.test(k)) shown[k] = o.redactor.redact(v);
  });
  const contentType = res.headers.get("content-type") ?? "";
  return {
    method: "GET",
    url: o.redactor.redact(parsed.toString()),
    status: res.status,
    content_type: contentType,
    headers: shown,
    body: o.redactor.redact(text),
    body_bytes: bytes,
    truncated,
    ...(truncated || !/json/i.test(contentType) ? {} : jsonShape(text)),
    duration_ms: Date.now() - started,
  };
}

/** Field names only (never values): what an agent needs to write the parsing code. */
function jsonShape(text: string): { json?: SampleResult["json"] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  const keysOf = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : []);
  if (Array.isArray(value)) return { json: { top_level_keys: [], records_at: "(the body)", record_count: value.length, record_keys: keysOf(value[0]) } };
  const top = keysOf(value);
  const arrayKey = top.find((k) => Array.isArray((value as Record<string, unknown>)[k]));
  if (!arrayKey) return { json: { top_level_keys: top } };
  const records = (value as Record<string, unknown[]>)[arrayKey];
  return { json: { top_level_keys: top, records_at: arrayKey, record_count: records.length, record_keys: keysOf(records[0]) } };
}
