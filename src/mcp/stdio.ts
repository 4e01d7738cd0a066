import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { JSONRPCMessageSchema, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { Readable, Writable } from "node:stream";

/** The largest message this server reads; the SDK's stdio transport has the same 10 MB default. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** How much of the start and the end of an oversized message is kept to find its id. */
const ID_WINDOW = 4 * 1024;
const TAIL_WINDOW = 512;

function lastBytes(b: Buffer): Buffer {
  return Buffer.from(b.subarray(Math.max(0, b.length - TAIL_WINDOW)));
}

/**
 * MCP over stdio, newline-delimited JSON-RPC, with the one difference that matters for a hostile client: the SDK's
 * transport closes itself (silently, for good) when a message passes its buffer limit, and a server then stays
 * alive but deaf. This one drops the oversized message, answers its request with a JSON-RPC error that says why,
 * and goes on reading. Framing is linear: only each new chunk is searched for a newline.
 */
export class BoundedStdioServerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Set while the rest of an oversized line is being skipped. */
  private skipping: { head: Buffer; tail: Buffer; bytes: number } | undefined;
  private started = false;

  constructor(
    private readonly stdin: Readable = process.stdin,
    private readonly stdout: Writable = process.stdout,
    private readonly maxBytes = MAX_MESSAGE_BYTES,
  ) {}

  private readonly onData = (chunk: Buffer) => {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf(0x0a, start)) !== -1) {
      this.take(chunk.subarray(start, nl), true);
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start), false);
  };

  private readonly onError = (e: Error) => this.onerror?.(e);

  /** Adds a piece of the current line; `ends` when a newline followed it. */
  private take(piece: Buffer, ends: boolean): void {
    if (this.skipping) {
      this.skipping.bytes += piece.length;
      this.skipping.tail = lastBytes(Buffer.concat([this.skipping.tail, piece.subarray(Math.max(0, piece.length - TAIL_WINDOW))]));
      if (ends) this.refuse();
      return;
    }
    if (this.pendingBytes + piece.length > this.maxBytes) {
      // Security: past the limit nothing more of this line is kept (but its start, to answer the right request).
      const whole = Buffer.concat([...this.pending, piece]);
      this.skipping = { head: Buffer.from(whole.subarray(0, ID_WINDOW)), tail: lastBytes(whole), bytes: whole.length };
      this.pending = [];
      this.pendingBytes = 0;
      if (ends) this.refuse();
      return;
    }
    // The chunk's buffer is reused by the stream only when we copy; a subarray keeps it alive, which is fine.
    this.pending.push(piece);
    this.pendingBytes += piece.length;
    if (!ends) return;
    const line = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.deliver(line.toString("utf8").replace(/\r$/, ""));
  }

  private deliver(text: string): void {
    if (!text.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      // JSON-RPC 2.0 §5.1: a line that is not JSON gets a parse error with a null id; the next line is read. (The SDK's
      // transport only reported it, and the client waited for an answer that never came.)
      this.onerror?.(e instanceof Error ? e : new Error(String(e)));
      this.answerInvalid(null, -32700, "Parse error: the line is not valid JSON. Send one JSON-RPC message per line.");
      return;
    }
    if (Array.isArray(value)) {
      this.onerror?.(new Error("a JSON-RPC batch"));
      this.answerInvalid(null, -32600, "Invalid Request: batches are not supported by MCP; send one JSON-RPC message per line.");
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      this.onerror?.(new Error(`not a JSON-RPC message: ${parsed.error.issues[0]?.message ?? "invalid"}`));
      // The request's own id when it has a valid one, else null (§5.1: the id could not be read).
      const id = (value as { id?: unknown } | null)?.id;
      const valid = typeof id === "string" || (typeof id === "number" && Number.isFinite(id));
      // A malformed notification (no id at all) gets no answer, as notifications never do.
      if (id === undefined && typeof (value as { method?: unknown } | null)?.method === "string") return;
      this.answerInvalid(valid ? id : null, -32600, 'Invalid Request: not a JSON-RPC 2.0 message (it needs "jsonrpc": "2.0", a string or number id, and a method).');
      return;
    }
    this.onmessage?.(parsed.data);
  }

  /** An error answer for a line that never became a message; its id may be null, which JSONRPCMessage cannot say. */
  private answerInvalid(id: string | number | null, code: number, message: string): void {
    this.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id, error: { code, message } })}\n`);
  }

  private refuse(): void {
    const { head, tail, bytes } = this.skipping!;
    this.skipping = undefined;
    const id = requestId(head.toString("utf8"), tail.toString("utf8"));
    this.onerror?.(new Error(`dropped a ${bytes}-byte message, over the ${this.maxBytes}-byte limit`));
    if (id === undefined) return;
    void this.send({
      jsonrpc: "2.0",
      id,
      error: {
        code: -32600,
        message: `Request too large: ${bytes} bytes; this server reads messages of at most ${this.maxBytes} bytes (${Math.round(this.maxBytes / 1024 / 1024)} MB). The request was not processed. Send smaller arguments (tool arguments are bounded far below this).`,
      },
    }).catch(() => {});
  }

  start(): Promise<void> {
    if (this.started) throw new Error("BoundedStdioServerTransport already started");
    this.started = true;
    this.stdin.on("data", this.onData);
    this.stdin.on("error", this.onError);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.stdin.off("data", this.onData);
    this.stdin.off("error", this.onError);
    if (this.stdin.listenerCount("data") === 0) this.stdin.pause();
    this.pending = [];
    this.skipping = undefined;
    this.onclose?.();
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once("drain", resolve);
    });
  }
}

/**
 * The id of an oversized request, read from its ends without parsing it: clients write the top-level "id" either
 * last (the MCP SDK: `{"method":…,"params":…,"jsonrpc":"2.0","id":7}`) or right after "jsonrpc" at the start.
 */
function requestId(head: string, tail: string): string | number | undefined {
  const ID = String.raw`("(?:[^"\\]|\\.){0,200}"|-?\d{1,16})`;
  const m = new RegExp(String.raw`"id"\s*:\s*${ID}\s*\}\s*$`).exec(tail.replace(/\r$/, "")) ?? new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID}`).exec(head);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]) as string | number;
  } catch {
    return undefined;
  }
}
