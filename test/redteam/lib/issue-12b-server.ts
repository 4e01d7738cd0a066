import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "../../../src/server.js";
import { alive } from "../../helpers/process.js";

/**
 * The red-team harness of issue-12b: the real server (createServer, every tool registered) behind the MCP SDK Client
 * over InMemoryTransport, in a workspace of its own, with a server environment that holds secrets of every kind the
 * server must keep: the Fivetran API key, a proxy with credentials, tokens of other services. Connectors run as
 * real Python processes; nothing is mocked.
 */
export const SECRETS = {
  FIVETRAN_API_KEY: "ZnRrZXktcmVkdGVhbTpzZWNyZXQtOTkyODM3NDY1NTQ=",
  GITHUB_TOKEN: "ghp_RedTeam0123456789abcdefghijklmnopqr",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYredteam12",
  OPENAI_API_KEY: "sk-redteam-9f8e7d6c5b4a39281706",
  PROXY_USER: "proxyuser",
  PROXY_PASSWORD: "Pr0xy-P@ss-7731",
} as const;

/** The proxy URL the server is started with (loopback, a port nothing listens on; nothing here uses it). */
export const PROXY_URL = `http://${SECRETS.PROXY_USER}:${encodeURIComponent(SECRETS.PROXY_PASSWORD)}@127.0.0.1:9`;

/** Puts the secrets into this test process's environment, which the in-process server reads as its own. */
export function plantServerSecrets(): void {
  process.env.FIVETRAN_API_KEY = SECRETS.FIVETRAN_API_KEY;
  process.env.GITHUB_TOKEN = SECRETS.GITHUB_TOKEN;
  process.env.AWS_SECRET_ACCESS_KEY = SECRETS.AWS_SECRET_ACCESS_KEY;
  process.env.OPENAI_API_KEY = SECRETS.OPENAI_API_KEY;
  process.env.HTTPS_PROXY = PROXY_URL;
  // Loopback never goes through the proxy (pip probes use a loopback index).
  process.env.NO_PROXY = "127.0.0.1,localhost";
  process.env.MY_SERVER_SETTING = "server-only-setting-42";
}

/** Every secret value and the forms a leak could take, none of which may appear in any answer. */
export function secretForms(values: string[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    out.add(v);
    out.add(encodeURIComponent(v));
    out.add(Buffer.from(v).toString("base64").replace(/=+$/, ""));
  }
  return [...out];
}

export interface Answer {
  isError: boolean;
  /** Every text the client received, structured content included. */
  text: string;
  data: Record<string, unknown> | undefined;
  /** The error code of an isError answer (`Error (<code>): ...`). */
  code?: string;
}

export interface Harness {
  ws: string;
  client: Client;
  /** Log notifications the client received. */
  logs: string[];
  call(name: string, args?: Record<string, unknown>): Promise<Answer>;
  /** A connector folder in the workspace. */
  connector(name: string, code: string, configuration?: Record<string, unknown>, extra?: Record<string, string>): string;
  close(): Promise<void>;
}

export async function harness(prefix: string): Promise<Harness> {
  const ws = realpathSync(mkdtempSync(join(tmpdir(), `${prefix}-`)));
  const { server } = createServer({ roots: [ws] });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: "redteam-12b", version: "0" }, { capabilities: {} });
  const logs: string[] = [];
  client.fallbackNotificationHandler = (n) => {
    logs.push(JSON.stringify(n.params ?? {}));
    return Promise.resolve();
  };
  await client.connect(b);
  await client.setLoggingLevel("debug").catch(() => {});
  return {
    ws,
    client,
    logs,
    async call(name, args = {}) {
      const res = await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 });
      const content = (res.content as { type: string; text?: string }[]).map((c) => c.text ?? "").join("\n");
      const text = `${content}\n${JSON.stringify(res.structuredContent ?? {})}`;
      const code = res.isError ? /^Error \(([a-z_]+)\)/.exec(content)?.[1] : undefined;
      return { isError: res.isError === true, text, data: res.structuredContent as Record<string, unknown> | undefined, code };
    },
    connector(name, code, configuration = {}, extra = {}) {
      const dir = join(ws, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "connector.py"), code);
      writeFileSync(join(dir, "configuration.json"), JSON.stringify(configuration));
      writeFileSync(join(dir, "requirements.txt"), "");
      for (const [f, text] of Object.entries(extra)) {
        mkdirSync(join(dir, f, ".."), { recursive: true });
        writeFileSync(join(dir, f), text);
      }
      return dir;
    },
    async close() {
      await client.close();
      await server.close();
      rmSync(ws, { recursive: true, force: true });
    },
  };
}

/** A connector whose update() runs `body` (Python, indented by 4) and upserts one row with a checkpoint. */
export function connectorWith(body: string, imports = ""): string {
  return `import json, os, sys, base64, urllib.parse
${imports}
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
${body
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
    op.upsert("items", {"id": 1})
    op.checkpoint({"done": True})

connector = Connector(update=update, schema=schema)
`;
}

/** The pids a connector wrote, one a line, to a file (its children report themselves this way). */
export function pidsIn(file: string): number[] {
  try {
    return readFileSync(file, "utf8").split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Waits until none of the pids runs (a bounded number of polls), and returns those still alive. */
export async function survivors(pids: number[], waitMs = 3_000): Promise<number[]> {
  const until = Date.now() + waitMs;
  let left = pids.filter(alive);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    left = left.filter(alive);
  }
  for (const p of left) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // gone
    }
  }
  return left;
}

/** The run records of this test process's runs folder, as text. */
export function runRecords(): string {
  const dir = process.env.FIVETRAN_CONNECTOR_MCP_RUNS_DIR;
  if (!dir) return "";
  try {
    return readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
  } catch {
    return "";
  }
}
