import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { call, connectClient } from "../helpers/mcp-client.js";
import { HEADER, makeConnector } from "../runner/helpers.js";

// Issue 13: every answer an agent gets through an MCP client leads to the next right step.
const root = realpathSync(mkdtempSync(join(tmpdir(), "agent-loop-")));

describe("docs behind resources are served by a tool too", () => {
  it("get_guidelines returns a lint rule's doc for its id, and says which ids exist", async () => {
    const client = await connectClient([root]);
    const doc = await call(client, "get_guidelines", { topic: "ft010" });
    expect(doc.isError).toBe(false);
    expect(doc.data.topic).toBe("FT010");
    expect(String(doc.data.markdown)).toMatch(/^# FT010: /);
    const none = await call(client, "get_guidelines", { topic: "FT999" });
    expect(none.isError).toBe(true);
    expect(none.text).toContain("no lint rule FT999");
  });

  it("the lint description's rule count is the number that runs by default", async () => {
    const client = await connectClient([root]);
    const { tools } = await client.listTools();
    const said = Number(/against (\d+) deterministic rules in the default profile/.exec(tools.find((t) => t.name === "lint_connector")!.description!)![1]);
    const dir = makeConnector(`${HEADER}def update(configuration, state):\n    op.upsert("t", {"id": 1})\n    op.checkpoint({})\nconnector = Connector(update=update)\n`, {}, root);
    const r = await call(client, "lint_connector", { project_dir: dir });
    expect((r.data.summary as { rulesRun: number }).rulesRun).toBe(said);
  });

  it("the prompts and the instructions send the agent to evaluate_connector", async () => {
    const client = await connectClient([root]);
    for (const name of ["build_connector", "review_before_deploy"]) {
      const p = await client.getPrompt({ name, arguments: { project_dir: root, source: "x" } });
      expect(JSON.stringify(p.messages)).toContain("evaluate_connector");
    }
    expect(client.getInstructions()).toContain("evaluate_connector");
    const testing = await call(client, "get_guidelines", { topic: "testing" });
    expect(String(testing.data.markdown)).toContain("evaluate_connector");
  });
});

describe("the requests loop", () => {
  it("a missing requests never sends the agent to requirements.txt", async () => {
    const client = await connectClient([root]);
    const dir = makeConnector(`${HEADER}import requests\ndef update(configuration, state):\n    op.checkpoint({})\nconnector = Connector(update=update)\n`, {}, root);
    // A venv without requests, as a bare `python -m venv` (or an old install_requirements) leaves it.
    execFileSync("python3", ["-m", "venv", "--without-pip", join(dir, ".venv")]);
    const r = await call(client, "run_debug", { project_dir: dir, engine: "embedded" });
    const error = r.data.error as { kind: string; hint: string };
    expect(error.kind).toBe("import");
    expect(error.hint).toContain("install_requirements");
    expect(error.hint).not.toMatch(/Add requests to requirements\.txt/);
    expect(error.hint).toContain("do not add it to requirements.txt");
    // And the other tools agree: lint flags requests listed in requirements.txt, install_requirements refuses it.
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === "install_requirements")!.description).toMatch(/requests/);
    const g = await call(client, "get_guidelines", { topic: "dependencies" });
    expect(String(g.data.markdown)).toMatch(/install_requirements.*\n?.*requests/);
  });
});
