import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRaw, type RawServer } from "../clients/raw.js";

const MB = 1024 * 1024;
type Msg = { id?: unknown; result?: unknown; error?: { code: number; message: string } };

/** A tools/call whose one argument makes the line `bytes` long, written in the order the MCP SDK client uses (id last). */
function bigCall(id: unknown, bytes: number, order: "id_last" | "id_first" = "id_last"): string {
  const pad = "x".repeat(bytes);
  const params = JSON.stringify({ name: "find_examples", arguments: { text: pad, note: { id: 999 } } });
  return order === "id_last"
    ? `{"method":"tools/call","params":${params},"jsonrpc":"2.0","id":${JSON.stringify(id)}}`
    : `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"method":"tools/call","params":${params}}`;
}

describe("The stdio transport", () => {
  let s: RawServer;
  let from = 0;

  /** The first stdout message after the last probe that matches. */
  async function next(pred: (m: Msg) => boolean, timeoutMs = 20_000): Promise<Msg> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      for (let i = from; i < s.lines.length; i++) {
        try {
          const m = JSON.parse(s.lines[i]) as Msg;
          if (pred(m)) return m;
        } catch {
          // checked by the purity probe
        }
      }
      if (Date.now() > until) throw new Error(`no such message; stderr: ${s.stderr().slice(-500)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function stillServing(): Promise<void> {
    const r = await s.request("ping", {}, 20_000);
    expect(r.error).toBeUndefined();
    expect(r.result).toEqual({});
  }

  function write(text: string): Promise<void> {
    return new Promise((resolve) => {
      if (s.proc.stdin.write(text)) resolve();
      else s.proc.stdin.once("drain", () => resolve());
    });
  }

  beforeAll(async () => {
    s = startRaw();
    await s.initialize();
  }, 60_000);
  afterAll(() => {
    s.proc.kill("SIGKILL");
  });

  it("an 11 MB tools/call with its id last (the SDK client's order) → JSON-RPC error -32600 'Request too large' for that id; the server keeps serving", async () => {
    from = s.lines.length;
    await write(`${bigCall(7001, 11 * MB)}\n`);
    const m = await next((x) => x.id === 7001);
    expect(m.error?.code).toBe(-32600);
    expect(m.error?.message).toContain("Request too large");
    expect(m.error?.message).toContain("10485760");
    await stillServing();
  });

  it("an 11 MB request with its id first → the error answers that id", async () => {
    from = s.lines.length;
    await write(`${bigCall(7002, 11 * MB, "id_first")}\n`);
    const m = await next((x) => x.id === 7002);
    expect(m.error?.code).toBe(-32600);
    await stillServing();
  });

  it("an 11 MB request with a string id → the error answers that string id", async () => {
    from = s.lines.length;
    await write(`${bigCall("big-one", 11 * MB)}\n`);
    const m = await next((x) => x.id === "big-one");
    expect(m.error?.code).toBe(-32600);
    await stillServing();
  });

  it('an 11 MB request whose params hold an inner "id" → the error answers the top-level id, not the inner one', async () => {
    from = s.lines.length;
    await write(`${bigCall(7003, 11 * MB)}\n`);
    const m = await next((x) => x.id === 7003 || x.id === 999);
    expect(m.id).toBe(7003);
    await stillServing();
  });

  it("an 11 MB notification (no id) → dropped without an answer; the next request is answered", async () => {
    from = s.lines.length;
    await write(`{"jsonrpc":"2.0","method":"notifications/message","params":{"data":"${"y".repeat(11 * MB)}"}}\n`);
    await stillServing();
    expect(s.lines.slice(from).some((l) => l.includes("Request too large"))).toBe(false);
  });

  it("a 50 MB line written in 1 MB pieces → one error, memory not kept; the server keeps serving", async () => {
    from = s.lines.length;
    const line = `${bigCall(7004, 50 * MB)}\n`;
    for (let i = 0; i < line.length; i += MB) await write(line.slice(i, i + MB));
    const m = await next((x) => x.id === 7004, 60_000);
    expect(m.error?.code).toBe(-32600);
    await stillServing();
  }, 90_000);

  it("two oversized requests back to back → two errors, in order", async () => {
    from = s.lines.length;
    await write(`${bigCall(7005, 11 * MB)}\n${bigCall(7006, 11 * MB)}\n`);
    expect((await next((x) => x.id === 7005)).error?.code).toBe(-32600);
    expect((await next((x) => x.id === 7006)).error?.code).toBe(-32600);
    await stillServing();
  });

  it("an oversized request and a valid ping in the same write → the error and the ping's answer", async () => {
    from = s.lines.length;
    await write(`${bigCall(7007, 11 * MB)}\n{"jsonrpc":"2.0","id":7008,"method":"ping"}\n`);
    expect((await next((x) => x.id === 7007)).error?.code).toBe(-32600);
    expect((await next((x) => x.id === 7008)).result).toEqual({});
  });

  it("a 9 MB find_examples filter (under the transport limit) → isError (SDK) at `text`, the value not echoed, answered at once", async () => {
    from = s.lines.length;
    await write(`${bigCall(7009, 9 * MB)}\n`);
    const m = await next((x) => x.id === 7009, 30_000);
    const r = m.result as { isError?: boolean; content: { text: string }[] };
    expect(r.isError).toBe(true);
    expect(r.content[0].text).toContain("text");
    expect(JSON.stringify(m).length).toBeLessThan(10_000);
    await stillServing();
  });

  it("a request written one byte at a time → answered", async () => {
    from = s.lines.length;
    const line = `{"jsonrpc":"2.0","id":7010,"method":"ping"}\n`;
    for (const ch of line) await write(ch);
    expect((await next((x) => x.id === 7010)).result).toEqual({});
  });

  it("a request ending in CRLF → answered", async () => {
    from = s.lines.length;
    await write(`{"jsonrpc":"2.0","id":7011,"method":"ping"}\r\n`);
    expect((await next((x) => x.id === 7011)).result).toEqual({});
  });

  it("a line of invalid UTF-8 and control bytes, then empty lines → ignored; the next request is answered", async () => {
    from = s.lines.length;
    s.proc.stdin.write(Buffer.from([0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x0a, 0x20, 0x0a]));
    await stillServing();
  });

  it("after every probe above → stdout carried JSON-RPC messages only", () => {
    for (const line of s.lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    for (const line of s.lines) expect((JSON.parse(line) as { jsonrpc?: string }).jsonrpc).toBe("2.0");
  });
});
