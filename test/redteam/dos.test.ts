import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, type Harness } from "./lib/issue-12b-server.js";

const MB = 1024 * 1024;

describe("Denial of service", () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    h = await harness("rt12b-dos");
    dir = h.connector(
      "base",
      `from fivetran_connector_sdk import Connector, Operations as op\n\ndef update(configuration, state):\n    op.upsert("items", {"id": 1})\n\nconnector = Connector(update=update)\n`,
    );
  });
  afterAll(async () => {
    await h.close();
  });

  /** The hostile call and another started with it are both answered in seconds (it took 50 s, blocking all calls). */
  async function othersAnswered<T>(hostile: Promise<T>): Promise<T> {
    const started = Date.now();
    const [r, other] = await Promise.all([hostile, h.call("find_examples", { text: "retry" })]);
    expect(other.isError).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
    return r;
  }

  it("a connector raising an exception with a 50 MB message → the run ends well within a minute (linear framing), the message cut to 16,000 characters", async () => {
    const d = h.connector(
      "huge-exception",
      `from fivetran_connector_sdk import Connector, Operations as op\n\ndef update(configuration, state):\n    op.upsert("items", {"id": 1})\n    raise RuntimeError("x" * 50_000_000)\n\nconnector = Connector(update=update)\n`,
    );
    const started = Date.now();
    const a = await h.call("run_debug", { project_dir: d, engine: "embedded", wait_seconds: 55 });
    // Quadratic framing took 243 s for this; linear takes seconds even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(55_000);
    expect(a.text).toContain('"status": "failed"');
    expect(a.text).toContain("more characters cut");
    expect(JSON.stringify(a.data).length).toBeLessThan(50_000);
  }, 90_000);

  it("a connector printing one 20 MB line without a newline → the line is cut into bounded pieces, the log tail stays small", async () => {
    const d = h.connector(
      "long-line",
      `import sys\nfrom fivetran_connector_sdk import Connector, Operations as op\n\ndef update(configuration, state):\n    sys.stdout.write("y" * 20_000_000)\n    sys.stdout.flush()\n    op.upsert("items", {"id": 1})\n\nconnector = Connector(update=update)\n`,
    );
    const a = await h.call("run_debug", { project_dir: d, engine: "embedded", wait_seconds: 55 });
    expect(a.text).toContain('"status": "succeeded"');
    expect(JSON.stringify(a.data).length).toBeLessThan(50_000);
  }, 90_000);

  it("find_examples with a 10 MB `text` filter → isError (SDK) at once, and other calls are not held up", async () => {
    const a = await othersAnswered(h.call("find_examples", { text: "z".repeat(10 * MB) }));
    expect(a.isError).toBe(true);
    expect(a.text).toContain("text");
    expect(a.text.length).toBeLessThan(5_000);
  });

  it("find_examples with a 1 MB `auth` filter → isError (SDK), not echoed", async () => {
    const a = await h.call("find_examples", { auth: "a".repeat(MB) });
    expect(a.isError).toBe(true);
    expect(a.text.length).toBeLessThan(5_000);
  });

  it("find_examples with a 500-character text filter (at the bound) → answered", async () => {
    const a = await h.call("find_examples", { text: "retry ".repeat(83).slice(0, 500) });
    expect(a.isError).toBe(false);
  });

  it("the fix_failing_run prompt with a 1 MB `error` argument → a JSON-RPC invalid-params error, nothing echoed", async () => {
    await expect(h.client.getPrompt({ name: "fix_failing_run", arguments: { project_dir: dir, error: "e".repeat(MB) } })).rejects.toThrow(/16000|too_big|at most|Invalid/i);
  });

  it("the build_connector prompt with a 1 MB `source` argument → a JSON-RPC invalid-params error", async () => {
    await expect(h.client.getPrompt({ name: "build_connector", arguments: { project_dir: dir, source: "s".repeat(MB) } })).rejects.toThrow();
  });

  it("the add_table prompt with a 1 MB `table` argument → a JSON-RPC invalid-params error", async () => {
    await expect(h.client.getPrompt({ name: "add_table", arguments: { project_dir: dir, table: "t".repeat(MB) } })).rejects.toThrow();
  });

  it("the fix_failing_run prompt with an ordinary error → answered, the error text included", async () => {
    const p = await h.client.getPrompt({ name: "fix_failing_run", arguments: { project_dir: dir, error: "KeyError: 'api_key'" } });
    expect(JSON.stringify(p.messages)).toContain("KeyError");
  });

  it("set_state with a 10.5 MB state → isError state 'the limit is 10000000 bytes', nothing written", async () => {
    const a = await h.call("set_state", { project_dir: dir, state: { blob: "b".repeat(10_500_000) } });
    expect(a.isError).toBe(true);
    expect(a.code).toBe("state");
    expect(a.text).toContain("10000000");
    expect(a.text.length).toBeLessThan(5_000);
    const s = await h.call("get_state", { project_dir: dir });
    expect(s.text).not.toContain("bbbbbbbb");
  });

  it("run_debug with a 10.5 MB starting `state` → isError state before anything runs", async () => {
    const a = await h.call("run_debug", { project_dir: dir, engine: "embedded", state: { blob: "b".repeat(10_500_000) } });
    expect(a.isError).toBe(true);
    expect(a.code).toBe("state");
  });

  it("set_state with a 1 MB state (well inside the bound) → written", async () => {
    const a = await h.call("set_state", { project_dir: dir, state: { blob: "c".repeat(MB) } });
    expect(a.isError).toBe(false);
  });

  it("query_warehouse with 30,000 characters of SQL → isError (SDK) at `sql`", async () => {
    const a = await h.call("query_warehouse", { project_dir: dir, sql: `SELECT 1 ${"-".repeat(30_000)}` });
    expect(a.isError).toBe(true);
    expect(a.text).toContain("sql");
  });

  it("a project_dir of 5 MB → isError, the value not echoed back", async () => {
    const a = await h.call("get_state", { project_dir: join("/", "p".repeat(5 * MB)) });
    expect(a.isError).toBe(true);
    expect(a.text.length).toBeLessThan(10_000);
  });
});
