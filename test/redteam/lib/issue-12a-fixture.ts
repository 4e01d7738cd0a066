import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { createServer } from "../../../src/server.js";

/**
 * The hostile-folder fixture of the path probes (issue-12a): a workspace with a connector folder `conn` and a sibling
 * connector folder `sibling`, next to an `outside` folder (outside the workspace) whose files carry a marker that no
 * answer may ever contain. A probe plants links (or hard links, FIFOs) in `conn`, calls a tool through the real
 * server over an MCP client, and checks the answer and that `outside` is byte for byte what it was.
 */
export const CONNECTOR = `from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    op.upsert("items", {"id": 1, "name": "a"})
    op.checkpoint({"cursor": 1})

connector = Connector(update=update)
`;

export interface Fixture {
  base: string;
  ws: string;
  conn: string;
  sibling: string;
  outside: string;
  /** Text in every outside and sibling file; no answer may contain it. */
  marker: string;
  client: Client;
  close(): Promise<void>;
}

/** A DuckDB file holding the marker, made once per test file and copied into each fixture. */
let templateDb: string | undefined;

async function makeTemplateDb(marker: string): Promise<string> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "rt12a-db-")));
  const path = join(dir, "warehouse.db");
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const inst = await DuckDBInstance.create(path);
  const conn = await inst.connect();
  await conn.run(`CREATE SCHEMA tester; CREATE TABLE tester.stolen (secret VARCHAR); INSERT INTO tester.stolen VALUES ('${marker}')`);
  conn.closeSync();
  inst.closeSync();
  return path;
}

export const MARKER = `OUTSIDE-${randomBytes(6).toString("hex")}`;

export async function fixture(): Promise<Fixture> {
  templateDb ??= await makeTemplateDb(MARKER);
  const base = realpathSync(mkdtempSync(join(tmpdir(), "rt12a-")));
  const ws = join(base, "ws");
  const conn = join(ws, "conn");
  const sibling = join(ws, "sibling");
  const outside = join(base, "outside");
  for (const d of [conn, sibling, join(sibling, "files"), outside]) mkdirSync(d, { recursive: true });
  writeFileSync(join(conn, "connector.py"), CONNECTOR);
  writeFileSync(join(conn, "configuration.json"), '{"api_key": "not-a-secret"}\n');
  writeFileSync(join(conn, "requirements.txt"), "");
  writeFileSync(join(sibling, "connector.py"), CONNECTOR);
  writeFileSync(join(sibling, "files", "state.json"), JSON.stringify({ stolen: MARKER }));
  copyFileSync(templateDb, join(sibling, "files", "warehouse.db"));
  writeFileSync(join(outside, "secret.txt"), `password=${MARKER}\n`);
  writeFileSync(join(outside, "state.json"), JSON.stringify({ stolen: MARKER }));
  writeFileSync(join(outside, "state.json.bak-2020-01-01T00-00-00-000Z"), JSON.stringify({ stolen: MARKER }));
  writeFileSync(join(outside, "configuration.json"), JSON.stringify({ api_key: MARKER }));
  writeFileSync(join(outside, "requirements.txt"), `requests==2.0  # ${MARKER}\n--index-url https://${MARKER}.example/simple\n`);
  writeFileSync(join(outside, "connector.py"), `# ${MARKER}\nimport os\n`);
  writeFileSync(join(outside, "EVALUATION.md"), `# ${MARKER}\n`);
  writeFileSync(join(outside, ".gitignore"), `${MARKER}\n`);
  copyFileSync(templateDb, join(outside, "warehouse.db"));

  const { server } = createServer({ roots: [ws] });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: "redteam-12a", version: "0" });
  await client.connect(b);
  return {
    base,
    ws,
    conn,
    sibling,
    outside,
    marker: MARKER,
    client,
    async close() {
      await client.close();
      await server.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  isError: boolean;
  /** Every text the client received, structured content included. */
  text: string;
  data: Record<string, unknown> | undefined;
  /** The error code of an isError answer (`Error (code): ...`). */
  code?: string;
}

export async function call(f: Fixture, name: string, args: Record<string, unknown> = {}): Promise<Answer> {
  const res = await f.client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 });
  const content = (res.content as { type: string; text?: string }[]).map((c) => c.text ?? "").join("\n");
  const text = `${content}\n${JSON.stringify(res.structuredContent ?? {})}`;
  const code = res.isError ? /^Error \(([a-z_]+)\)/.exec(content)?.[1] : undefined;
  return { isError: res.isError === true, text, data: res.structuredContent as Record<string, unknown> | undefined, code };
}

/** Every file under a folder (links not followed) with a hash of its content, to prove nothing there changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      const rel = relative(dir, p);
      if (st.isDirectory()) {
        out[`${rel}/`] = "dir";
        walk(p);
      } else if (st.isSymbolicLink()) out[rel] = "link";
      else out[rel] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/**
 * The full defence of a probe: the exact error code, no marker in any byte of the answer, and the outside folder (and
 * the sibling connector) unchanged.
 */
export function expectRefused(f: Fixture, a: Answer, before: { outside: Record<string, string>; sibling: Record<string, string> }, code = "outside_project"): void {
  expect(a.text).not.toContain(f.marker);
  // The answer text goes with a failure: a code alone does not say what went wrong.
  expect({ isError: a.isError, code: a.code }, a.text).toEqual({ isError: true, code });
  expectUntouched(f, before);
}

export function expectUntouched(f: Fixture, before: { outside: Record<string, string>; sibling: Record<string, string> }): void {
  expect(snapshot(f.outside)).toEqual(before.outside);
  expect(snapshot(f.sibling)).toEqual(before.sibling);
}

export function before(f: Fixture): { outside: Record<string, string>; sibling: Record<string, string> } {
  return { outside: snapshot(f.outside), sibling: snapshot(f.sibling) };
}
