import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRaw, type RawServer } from "../clients/raw.js";

type Msg = { jsonrpc?: string; id?: unknown; result?: unknown; error?: { code: number; message: string } };

describe("JSON-RPC errors for malformed lines", () => {
  let s: RawServer;
  let from = 0;

  /** The first stdout message written after `from` that is an error answer. */
  async function nextError(timeoutMs = 20_000): Promise<Msg> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      for (let i = from; i < s.lines.length; i++) {
        try {
          const m = JSON.parse(s.lines[i]) as Msg;
          if (m.error) {
            from = i + 1;
            return m;
          }
        } catch {
          // not JSON: the purity probe of protocol.test.ts covers stdout
        }
      }
      if (Date.now() > until) throw new Error(`no error answer; stderr: ${s.stderr().slice(-500)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function probe(line: string): Promise<Msg> {
    from = s.lines.length;
    s.proc.stdin.write(`${line}\n`);
    const m = await nextError();
    // The server keeps serving after the bad line.
    const r = await s.request("ping", {}, 20_000);
    expect(r.result).toEqual({});
    return m;
  }

  beforeAll(async () => {
    s = startRaw();
    await s.initialize();
  }, 60_000);
  afterAll(() => {
    s.proc.kill("SIGKILL");
  });

  it('a truncated JSON line {"jsonrpc":"2.0","id":1,"method":"ping" → JSON-RPC error -32700 (parse error), id null', async () => {
    const m = await probe('{"jsonrpc":"2.0","id":1,"method":"ping"');
    expect(m).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32700 } });
  });

  it("a line that is not JSON (hello) → JSON-RPC error -32700, id null", async () => {
    const m = await probe("hello");
    expect(m).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32700 } });
  });

  it('a request whose id is an object ({"x":1}) → JSON-RPC error -32600 (invalid request), id null', async () => {
    const m = await probe('{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}');
    expect(m).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32600 } });
  });

  it("a batch array of two pings → JSON-RPC error -32600 'batches are not supported', id null", async () => {
    const m = await probe('[{"jsonrpc":"2.0","id":51,"method":"ping"},{"jsonrpc":"2.0","id":52,"method":"ping"}]');
    expect(m).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32600 } });
    expect(m.error?.message).toContain("batch");
  });

  it('a request without "jsonrpc":"2.0" but with a valid id 77 → JSON-RPC error -32600 for id 77', async () => {
    const m = await probe('{"id":77,"method":"ping"}');
    expect(m).toMatchObject({ jsonrpc: "2.0", id: 77, error: { code: -32600 } });
  });
});
