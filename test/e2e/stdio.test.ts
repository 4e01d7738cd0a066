import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/built.js";
import { REPO_ROOT } from "../helpers/env.js";
import { HEADER, makeConnector } from "../runner/helpers.js";

// The built server as a client starts it: `node dist/src/cli.js` over stdio, a real connector, a real DuckDB file.
const root = realpathSync(mkdtempSync(join(tmpdir(), "e2e-")));
let client: Client;

beforeAll(() => {
  ensureBuilt();
}, 180_000);

afterAll(async () => {
  await client?.close();
});

describe("stdio end to end", () => {
  it("runs a connector through the built server and keeps stdout clean", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(REPO_ROOT, "dist", "src", "cli.js"), "--workspace", root],
      stderr: "pipe",
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DO_NOT_TRACK: "1" },
    });
    client = new Client({ name: "e2e", version: "0" });
    await client.connect(transport);
    const dir = makeConnector(
      `${HEADER}def update(configuration, state):\n    print("noise on stdout")\n    log.info("hi")\n    for i in range(50):\n        op.upsert("orders", {"id": i, "amount": i * 2.5})\n    op.checkpoint({"page": 1})\nconnector = Connector(update=update)\n`,
      { key: "value-1234" },
      root,
    );
    const res = await client.callTool({ name: "run_debug", arguments: { project_dir: dir, engine: "embedded" } });
    expect(res.isError).toBeFalsy();
    const data = res.structuredContent as { status: string; rows_per_table: Record<string, number>; state: unknown; log_tail: string[] };
    expect(data.status).toBe("succeeded");
    expect(data.rows_per_table).toEqual({ orders: 50 });
    expect(data.state).toEqual({ page: 1 });
    expect(data.log_tail.join("\n")).toContain("noise on stdout");
    // A second run of a broken connector: the server answers and stays up.
    const bad = makeConnector(`${HEADER}def update(configuration, state):\n    raise KeyError("x")\nconnector = Connector(update=update)\n`, {}, root);
    const r2 = await client.callTool({ name: "run_debug", arguments: { project_dir: bad, engine: "embedded" } });
    expect((r2.structuredContent as { status: string }).status).toBe("failed");
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("run_status");
  });
});
