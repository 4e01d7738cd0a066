import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../../src/server.js";

const root = realpathSync(mkdtempSync(join(tmpdir(), "scaffold-mcp-")));
let client: Client;

beforeAll(async () => {
  const { server } = createServer({ roots: [root] });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  client = new Client({ name: "test", version: "0" });
  await client.connect(b);
});

const text = (r: unknown) => (r as { content: { text: string }[] }).content[0].text;

describe("scaffold, guidelines, examples and prompts over MCP", () => {
  it("scaffold writes the five files and refuses to overwrite them", async () => {
    const dir = join(root, "crm");
    const r = await client.callTool({ name: "scaffold", arguments: { project_dir: dir, source_type: "rest_api", auth: "oauth2_refresh_token", pagination: "cursor" } });
    expect(r.isError, text(r)).toBeFalsy();
    const data = r.structuredContent as { files: string[]; configuration_keys: string[]; pattern: { operation_style: string } };
    expect(data.files.sort()).toEqual([".gitignore", "README.md", "configuration.json", "connector.py", "requirements.txt"]);
    expect(data.configuration_keys).toEqual(["base_url", "token_url", "client_id", "client_secret", "refresh_token"]);
    expect(data.pattern.operation_style).toBe("yield");
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    for (const k of data.configuration_keys) expect(readme).toContain(`| \`${k}\` | yes |`);
    writeFileSync(join(dir, "connector.py"), "# mine\n");
    const again = await client.callTool({ name: "scaffold", arguments: { project_dir: dir } });
    expect(again.isError).toBe(true);
    expect(text(again)).toContain("already_exists");
    expect(readFileSync(join(dir, "connector.py"), "utf8")).toBe("# mine\n");
  });

  it("scaffold given base_url does not ask for base_url again in configuration_keys and next steps", async () => {
    const r = await client.callTool({ name: "scaffold", arguments: { project_dir: join(root, "given"), source_type: "rest_api", auth: "bearer", base_url: "http://127.0.0.1:9/v1" } });
    expect(r.isError, text(r)).toBeFalsy();
    const data = r.structuredContent as { configuration_keys: string[]; next_steps?: string[] };
    expect(data.configuration_keys).toEqual(["api_token"]);
    expect(JSON.stringify(r)).not.toMatch(/Fill configuration\.json: base_url/);
  });

  it("scaffold takes storage and driver, and reports them in the pattern", async () => {
    const s3 = await client.callTool({ name: "scaffold", arguments: { project_dir: join(root, "bucket"), source_type: "file", storage: "s3" } });
    expect(s3.isError, text(s3)).toBeFalsy();
    const data = s3.structuredContent as { configuration_keys: string[]; pattern: { storage?: string; driver?: string } };
    expect(data.pattern.storage).toBe("s3");
    expect(data.configuration_keys).toEqual(["bucket", "prefix", "region", "endpoint_url", "aws_access_key_id", "aws_secret_access_key"]);
    const my = await client.callTool({ name: "scaffold", arguments: { project_dir: join(root, "shop"), source_type: "database", driver: "mysql", pagination: "keyset_timestamp" } });
    expect(my.isError, text(my)).toBeFalsy();
    expect((my.structuredContent as { pattern: { driver?: string } }).pattern.driver).toBe("mysql");
    expect(readFileSync(join(root, "shop", "requirements.txt"), "utf8")).toContain("PyMySQL==");
  });

  it("rejects a combination that is not offered, naming what is", async () => {
    const r = await client.callTool({ name: "scaffold", arguments: { project_dir: join(root, "db"), source_type: "database", pagination: "cursor" } });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("For database use pagination: none, offset, keyset_timestamp");
    expect(existsSync(join(root, "db", "connector.py"))).toBe(false);
  });

  it("refuses a folder outside the workspace", async () => {
    const r = await client.callTool({ name: "scaffold", arguments: { project_dir: join(tmpdir(), "elsewhere-scaffold") } });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("outside_workspace");
  });

  it("get_guidelines lists topics and returns one, and the resource template agrees", async () => {
    const list = await client.callTool({ name: "get_guidelines", arguments: {} });
    const topics = (list.structuredContent as { topics: { topic: string }[] }).topics.map((t) => t.topic);
    expect(topics).toHaveLength(13);
    const one = await client.callTool({ name: "get_guidelines", arguments: { topic: "pagination" } });
    const md = (one.structuredContent as { markdown: string }).markdown;
    expect(md).toContain("# Pagination");
    const res = await client.readResource({ uri: "connector-sdk://guidelines/pagination" });
    expect((res.contents[0] as { text: string }).text).toBe(md);
    const bad = await client.callTool({ name: "get_guidelines", arguments: { topic: "nope" } });
    expect(bad.isError).toBe(true);
    const listed = await client.listResources();
    expect(listed.resources.map((r) => r.uri)).toContain("connector-sdk://guidelines/state-and-checkpoints");
  });

  it("completes resource-template and prompt arguments", async () => {
    const topic = await client.complete({ ref: { type: "ref/resource", uri: "connector-sdk://guidelines/{topic}" }, argument: { name: "topic", value: "st" } });
    expect(topic.completion.values).toEqual(["state-and-checkpoints"]);
    const pag = await client.complete({
      ref: { type: "ref/prompt", name: "build_connector" },
      argument: { name: "pagination", value: "" },
      context: { arguments: { source_type: "graphql" } },
    });
    expect(pag.completion.values).toEqual(["none", "cursor", "offset"]);
  });

  it("renders a pattern through the patterns template", async () => {
    const r = await client.readResource({ uri: "connector-sdk://patterns/rest_api/bearer/link_header/full" });
    const py = (r.contents[0] as { text: string }).text;
    expect(py).toContain('response.links.get("next"');
    expect(py).toContain("connector = Connector(update=update, schema=schema)");
  });

  it("renders a storage or driver variant through the fifth segment, and refuses one that does not apply", async () => {
    const s3 = (await client.readResource({ uri: "connector-sdk://patterns/file/none/none/incremental_cursor/s3" })).contents[0] as { text: string };
    expect(s3.text).toContain("boto3");
    const pg = (await client.readResource({ uri: "connector-sdk://patterns/database/none/offset/full/postgresql" })).contents[0] as { text: string };
    expect(pg.text).toContain("psycopg2");
    expect(pg.text).not.toContain("import sqlite3");
    const variants = await client.complete({
      ref: { type: "ref/resource", uri: "connector-sdk://patterns/{source_type}/{auth}/{pagination}/{sync}/{variant}" },
      argument: { name: "variant", value: "" },
      context: { arguments: { source_type: "database" } },
    });
    expect(variants.completion.values).toEqual(["sqlite", "postgresql", "mysql"]);
    await expect(client.readResource({ uri: "connector-sdk://patterns/rest_api/none/none/full/s3" })).rejects.toThrow(/driver|storage/);
  });

  it("find_examples filters by auth, pagination, source and operation", async () => {
    const r = await client.callTool({ name: "find_examples", arguments: { auth: "oauth2_refresh_token" } });
    const ex = (r.structuredContent as { examples: { path: string; url: string }[] }).examples;
    expect(ex.map((e) => e.path)).toContain("examples/common_patterns/authentication/oauth2_with_token_refresh");
    const del = await client.callTool({ name: "find_examples", arguments: { operation: "delete", source: "database" } });
    expect((del.structuredContent as { total: number }).total).toBeGreaterThan(0);
    const bad = await client.callTool({ name: "find_examples", arguments: { pagination: "telepathy" } });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toContain("Known pagination values");
  });

  it("offers the four prompts with their arguments filled in", async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(["add_table", "build_connector", "fix_failing_run", "review_before_deploy"]);
    const p = await client.getPrompt({ name: "build_connector", arguments: { source: "the Acme API", project_dir: "/w/acme", auth: "bearer" } });
    const body = (p.messages[0].content as { text: string }).text;
    expect(body).toContain("Call scaffold with project_dir=/w/acme, auth=bearer");
  });
});
