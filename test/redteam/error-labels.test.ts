import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, type Harness } from "./lib/issue-12b-server.js";

/** `depth` levels of {"a": …} around 1, as JSON text (built as text: no recursion here either). */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

describe("Clear errors for hostile input, not internal ones", () => {
  let h: Harness;
  let dir: string;
  let drip: Server;
  let dripUrl: string;
  const timers = new Set<NodeJS.Timeout>();

  beforeAll(async () => {
    h = await harness("rt-s5q-err");
    dir = h.connector("c", "from fivetran_connector_sdk import Connector\n\ndef update(configuration, state):\n    pass\n\nconnector = Connector(update=update)\n");
    // A source that sends its headers at once, then one byte a second for ever.
    drip = createHttpServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const t = setInterval(() => res.write(" "), 1000);
      timers.add(t);
      res.on("close", () => clearInterval(t));
    });
    await new Promise<void>((r) => drip.listen(0, "127.0.0.1", r));
    dripUrl = `http://127.0.0.1:${(drip.address() as AddressInfo).port}/items`;
  }, 60_000);
  afterAll(async () => {
    for (const t of timers) clearInterval(t);
    drip.closeAllConnections();
    await new Promise<void>((r) => drip.close(() => r()));
    await h.close();
  });

  it("set_state with a state nested 5,000 levels deep → isError state 'nested', not an internal error", async () => {
    const state = JSON.parse(nestedJson(5_000)) as Record<string, unknown>;
    const a = await h.call("set_state", { project_dir: dir, state });
    expect(a.code).toBe("state");
    expect(a.text).toContain("nested");
    expect(a.text).not.toContain("This is a bug");
  });

  it("set_state with a state nested 100,000 levels deep → isError state 'nested', not an internal error", async () => {
    const state = JSON.parse(nestedJson(100_000)) as Record<string, unknown>;
    const a = await h.call("set_state", { project_dir: dir, state });
    expect(a.code).toBe("state");
    expect(a.text).not.toContain("This is a bug");
  });

  it("set_state with a state nested 100 levels deep (within the bound) → written", async () => {
    const a = await h.call("set_state", { project_dir: dir, state: JSON.parse(nestedJson(100)) as Record<string, unknown> });
    expect(a.isError).toBe(false);
  });

  it("sample_source on a server that sends headers, then one byte a second → isError timeout naming the bytes received, not an internal error", async () => {
    const a = await h.call("sample_source", { project_dir: dir, url: dripUrl, timeout_seconds: 1 });
    expect(a.code).toBe("timeout");
    expect(a.text).toContain("byte(s) of the body within 1 s");
    expect(a.text).not.toContain("This is a bug");
  });
});
