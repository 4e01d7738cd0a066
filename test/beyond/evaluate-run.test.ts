import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateConnector } from "../../src/evaluate/index.js";
import { evaluateConnectorTool } from "../../tools/evaluate_connector.js";
import { makeCtx, makeProject } from "./helpers.js";

// Real connectors, run by the real run engine (python3 + the embedded harness) into real DuckDB files.
const ROWS = `ROWS = [{"id": i, "name": f"n{i}", "updated_at": f"2024-01-{i:02d}"} for i in range(1, 13)]`;

const incremental = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    cursor = state.get("cursor", "")
    newest = cursor
    for row in ROWS:
        if row["updated_at"] > cursor:
            op.upsert("items", row)
            newest = max(newest, row["updated_at"])
    op.checkpoint({"cursor": newest})

connector = Connector(update=update, schema=schema)
`;

const stuckCursor = `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    op.checkpoint({"cursor": "2024-01-01"})
    for row in ROWS:
        op.upsert("items", row)

connector = Connector(update=update, schema=schema)
`;

describe("evaluate_connector end to end", () => {
  it("passes the resume check of a proper incremental connector and writes EVALUATION.md", async () => {
    const dir = makeProject({ "connector.py": incremental });
    const { ctx } = makeCtx(dir);
    const r = await evaluateConnectorTool.handle({ project_dir: dir, timeout_seconds: 60, write_markdown: true }, ctx);
    expect(r.data.runs.map((x) => [x.status, x.upserts])).toEqual([
      ["succeeded", 12],
      ["succeeded", 0],
    ]);
    const resumeChecks = [...r.data.blocking, ...r.data.warnings].filter((f) => f.rule.startsWith("resume:") || f.rule.startsWith("data:pk"));
    expect(resumeChecks).toEqual([]);
    expect(r.data.info.some((f) => f.rule === "resume:state_advances")).toBe(true);
    expect(r.data.tables).toEqual([{ table: "items", rows: 12, deleted: 0, primary_key: ["id"], always_null: [] }]);
    expect(existsSync(join(dir, "EVALUATION.md"))).toBe(true);
    expect(readFileSync(join(dir, "EVALUATION.md"), "utf8")).toContain("## Blocking");
  }, 120_000);

  it("blocks a connector whose cursor never moves and that writes after its last checkpoint", async () => {
    const dir = makeProject({ "connector.py": stuckCursor });
    const r = await evaluateConnector({ projectDir: dir, timeoutSeconds: 60, writeMarkdown: false });
    const checks = r.blocking.map((f) => f.rule);
    expect(checks).toContain("resume:no_writes_after_last_checkpoint");
    expect(checks).toContain("resume:state_advances");
    expect(r.verdict).toBe("not_ready");
    expect((r.blocking[0].hint ?? "").length).toBeGreaterThan(10);
  }, 120_000);

  it("reports a failing connector as blocking with its error and stops after the first run", async () => {
    const failing = makeProject({ "connector.py": incremental.replace("    newest = cursor\n", '    newest = cursor\n    raise RuntimeError("source is down")\n') });
    const r = await evaluateConnector({ projectDir: failing, timeoutSeconds: 60, writeMarkdown: false });
    expect(r.blocking[0].rule).toBe("run:succeeds");
    expect(r.blocking[0].message).toContain("source is down");
    expect(r.runs).toHaveLength(1);
  }, 120_000);
});
