import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run as cliRun } from "../../src/cli/configuration.js";
import { registerTool } from "../../src/mcp/register.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { runSetupTestsTool } from "../../tools/run_setup_tests.js";
import { makeConnector } from "../runner/helpers.js";

const root = realpathSync(mkdtempSync(join(tmpdir(), "setup-contract-")));

async function connect() {
  const server = new McpServer({ name: "t", version: "0" });
  registerTool(server, runSetupTestsTool, new Workspace({ roots: [root], enforce: true }));
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: "c", version: "0" });
  await client.connect(b);
  return client;
}

const FORM = `from fivetran_connector_sdk import Connector, ConfigurationForm, Test, form_field

def token_set(configuration):
    return Test.success() if configuration.get("token") else Test.failure("token is empty")

def region_known(configuration):
    if configuration["region"] not in ("eu", "us"):
        return Test.failure("unknown region " + configuration["region"] + " for token " + configuration["token"])
    return Test.success()

def configuration_form():
    form = ConfigurationForm()
    form.add_field(form_field.TextField("token", "Token", form_field.TextField.password, required=True))
    form.add_field(form_field.DropdownField("region", "Region", fields=[form_field.DropdownFieldParam(value="eu"), form_field.DropdownFieldParam(value="us", label="USA")]))
    form.add_test(label="Token is set", func=token_set)
    form.add_test(label="Region is known", func=region_known)
    return form

connector = Connector(update=lambda configuration, state: None, configuration_form=configuration_form)
`;

type Data = {
  status: string;
  exit_code?: number;
  fields: { name: string; kind: string; required: boolean; options?: string[] }[];
  tests: { name: string }[];
  results: { name: string; passed: boolean; failure?: string }[];
  error?: { kind: string; message: string; line?: number };
};

describe("run_setup_tests over MCP", () => {
  it("is listed read-only with an output schema", async () => {
    const { tools } = await (await connect()).listTools();
    const t = tools.find((x) => x.name === "run_setup_tests")!;
    expect(t.outputSchema).toBeDefined();
    expect(t.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
  });

  it("passes: the form's fields and every test's result", async () => {
    const dir = makeConnector(FORM, { token: "tok-123456", region: "eu" }, root);
    const res = await (await connect()).callTool({ name: "run_setup_tests", arguments: { project_dir: dir } });
    expect(res.isError).toBeFalsy();
    const data = res.structuredContent as Data;
    expect(data.status).toBe("passed");
    expect(data.exit_code).toBe(0);
    expect(data.fields).toEqual([
      { name: "token", label: "Token", kind: "password", required: true },
      { name: "region", label: "Region", kind: "dropdown", required: false, options: ["eu", "us"] },
    ]);
    expect(data.results.map((r) => [r.name, r.passed])).toEqual([
      ["token_set", true],
      ["region_known", true],
    ]);
  });

  it("stops at the first failure and masks the configuration's secret (the token) in it", async () => {
    const dir = makeConnector(FORM, { token: "tok-123456", region: "mars" }, root);
    const data = (await (await connect()).callTool({ name: "run_setup_tests", arguments: { project_dir: dir } })).structuredContent as Data;
    expect(data.status).toBe("failed");
    expect(data.exit_code).toBe(1);
    expect(data.results).toEqual([
      { name: "token_set", label: "Token is set", passed: true },
      { name: "region_known", label: "Region is known", passed: false, failure: "unknown region mars for token ****" },
    ]);
  });

  it("takes a configuration argument instead of configuration.json", async () => {
    const dir = makeConnector(FORM, { token: "tok-123456", region: "mars" }, root);
    const data = (await (await connect()).callTool({ name: "run_setup_tests", arguments: { project_dir: dir, configuration: { token: "t2-abcdef", region: "us" } } })).structuredContent as Data;
    expect(data.status).toBe("passed");
  });

  it("a test that raises: kind connector_exception with the SDK's words and the line", async () => {
    const dir = makeConnector(
      FORM.replace('    return Test.success() if configuration.get("token")', '    raise KeyError("token")\n    return Test.success() if configuration.get("token")'),
      { token: "tok-123456", region: "eu" },
      root,
    );
    const data = (await (await connect()).callTool({ name: "run_setup_tests", arguments: { project_dir: dir } })).structuredContent as Data;
    expect(data.status).toBe("failed");
    expect(data.results).toEqual([]);
    expect(data.error).toMatchObject({ kind: "connector_exception", message: "configuration command failed error: failed while executing test 'token_set' error: 'token'", line: 4 });
  });

  it("a connector without a form: status no_form", async () => {
    const dir = makeConnector("from fivetran_connector_sdk import Connector\nconnector = Connector(update=lambda configuration, state: None)\n", {}, root);
    const data = (await (await connect()).callTool({ name: "run_setup_tests", arguments: { project_dir: dir } })).structuredContent as Data;
    expect(data.status).toBe("no_form");
    expect(data.exit_code).toBe(1);
  });

  it("refuses a configuration.json that links out of the folder", async () => {
    const dir = makeConnector(FORM, null, root);
    const outside = join(realpathSync(mkdtempSync(join(tmpdir(), "outside-"))), "c.json");
    writeFileSync(outside, JSON.stringify({ token: "x", region: "eu" }));
    symlinkSync(outside, join(dir, "configuration.json"));
    const res = await (await connect()).callTool({ name: "run_setup_tests", arguments: { project_dir: dir } });
    expect(res.isError).toBe(true);
    expect(JSON.stringify(res.content)).toContain("outside_project");
  });
});

describe("CLI configuration --test", () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) } };
  };

  it("exit code 0 when every test passes, 1 on a failure, 2 without --test", async () => {
    const ok = makeConnector(FORM, { token: "tok-123456", region: "eu" }, root);
    const a = io();
    expect(await cliRun(["--test", ok], a.io)).toBe(0);
    expect(a.out.join("\n")).toContain("All 2 setup tests passed.");
    const bad = makeConnector(FORM, { token: "tok-123456", region: "mars" }, root);
    const b = io();
    expect(await cliRun(["--test", "--json", bad], b.io)).toBe(1);
    expect((JSON.parse(b.out.join("")) as Data).results[1]).toMatchObject({ passed: false });
    const c = io();
    expect(await cliRun([ok], c.io)).toBe(2);
  });
});
