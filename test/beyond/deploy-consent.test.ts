import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerTool } from "../../src/mcp/register.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { deploy } from "../../tools/deploy.js";
import { makeProject } from "./helpers.js";

// The Fivetran API is out of reach: the recorded fake `fivetran` goes first on PATH (this test file runs in its own worker).
const FAKE_BIN = join(import.meta.dirname, "fixtures", "fake-fivetran");
const saved = { ...process.env };
beforeAll(() => {
  process.env.PATH = `${FAKE_BIN}${delimiter}${process.env.PATH}`;
  process.env.FIVETRAN_API_KEY = "ZmFrZWtleTpmYWtlc2VjcmV0";
  process.env.FIVETRAN_CONNECTOR_PYTHON = "/usr/bin/python3";
});
afterAll(() => {
  process.env = saved;
});

async function connect(dir: string, answer?: boolean) {
  const server = new McpServer({ name: "t", version: "0" }, { capabilities: { logging: {} } });
  registerTool(server, deploy, new Workspace({ roots: [dir], enforce: true }));
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const questions: string[] = [];
  const client = new Client({ name: "c", version: "0" }, { capabilities: answer === undefined ? {} : { elicitation: {} } });
  if (answer !== undefined) {
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      questions.push(String(req.params.message));
      return { action: "accept", content: { confirm: answer } };
    });
  }
  await client.connect(b);
  return { client, questions };
}

// Lint-clean on purpose: deploy refuses a connector with lint errors before it asks for consent.
const CONNECTOR = `"""A minimal connector for the deploy tests."""
from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def validate_configuration(configuration: dict):
    if not configuration.get("token"):
        raise ValueError("configuration needs 'token'")


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    validate_configuration(configuration)
    log.info("syncing items")
    yield op.upsert(table="items", data={"id": 1})
    yield op.checkpoint(state={"synced": True})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
`;
const project = () => makeProject({ "connector.py": CONNECTOR, "configuration.json": '{"token": "abcd-secret-1234"}' });

describe("deploy consent over MCP", () => {
  it("without elicitation, asks the model to get consent and deploys nothing until confirm=true", async () => {
    const dir = project();
    const record = join(dir, "record.json");
    writeFileSync(join(dir, ".fake-fivetran.json"), JSON.stringify({ record }));
    const { client } = await connect(dir);
    const first = await client.callTool({ name: "deploy", arguments: { project_dir: dir, destination: "d", connection: "my_conn" } });
    expect(first.isError).toBeFalsy();
    expect((first.structuredContent as { status: string }).status).toBe("needs_confirmation");
    expect(() => readFileSync(record)).toThrow();
    const second = await client.callTool({ name: "deploy", arguments: { project_dir: dir, destination: "d", connection: "my_conn", confirm: true } });
    expect(second.structuredContent).toMatchObject({ status: "created", connection_id: "conn_new_7" });
    expect(JSON.stringify(second)).not.toContain("ZmFrZWtl");
  });

  it("asks the user through elicitation when the client supports it, and respects a no", async () => {
    const dir = project();
    writeFileSync(join(dir, ".fake-fivetran.json"), JSON.stringify({ record: join(dir, "record.json") }));
    const no = await connect(dir, false);
    const declined = await no.client.callTool({ name: "deploy", arguments: { project_dir: dir, destination: "d", connection: "my_conn" } });
    expect((declined.structuredContent as { status: string }).status).toBe("declined");
    expect(no.questions[0]).toContain("connection 'my_conn' in destination 'd'");
    const yes = await connect(dir, true);
    const done = await yes.client.callTool({ name: "deploy", arguments: { project_dir: dir, destination: "d", connection: "my_conn" } });
    expect((done.structuredContent as { status: string }).status).toBe("created");
  });

  it("refuses with the failing checks as an error result", async () => {
    const dir = project();
    const { client } = await connect(dir);
    const res = await client.callTool({ name: "deploy", arguments: { project_dir: dir, destination: "d", connection: "Bad-Name", confirm: true } });
    expect(res.isError).toBe(true);
    expect((res.content as { text: string }[])[0].text).toContain("[connection_name]");
  });
});
