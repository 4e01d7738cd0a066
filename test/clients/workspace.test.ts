import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ListRootsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ToolError } from "../../src/errors.js";
import { createServer } from "../../src/server.js";
import { isInside, realpathAllowingMissing, Workspace } from "../../src/workspace/workspace.js";

const base = realpathSync(mkdtempSync(join(tmpdir(), "ws-order-")));
function folder(name: string, connector = true): string {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  if (connector) writeFileSync(join(dir, "connector.py"), "# test connector\n");
  return dir;
}
const flagDir = folder("flag");
const rootA = folder("rootA");
const rootB = folder("rootB");
const claudeDir = folder("claude");
const cwdDir = folder("cwd");
const emptyCwd = folder("empty", false);
const outside = folder("outside");

async function rejection(p: Promise<unknown>): Promise<ToolError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ToolError);
    return e as ToolError;
  }
  throw new Error("expected a ToolError, got a result");
}

/**
 * A real client that declares the roots capability and answers roots/list from a list the test
 * can change, wired to the real createServer() (the same roots provider the stdio server uses).
 */
async function clientWithRoots(initial: string[], opts: Parameters<typeof createServer>[0] = {}) {
  let roots = initial;
  let asked = 0;
  const { server, workspace } = createServer({ enforce: true, env: {}, cwd: emptyCwd, ...opts });
  const client = new Client({ name: "roots-client", version: "0" }, { capabilities: { roots: { listChanged: true } } });
  client.setRequestHandler(ListRootsRequestSchema, async () => {
    asked++;
    return { roots: roots.map((r) => ({ uri: pathToFileURL(r).href, name: r })) };
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  await client.connect(b);
  return {
    client,
    workspace,
    asked: () => asked,
    async change(next: string[]) {
      roots = next;
      await client.sendRootsListChanged();
      // The notification is handled asynchronously on the server side.
      for (let i = 0; i < 50 && (workspace as unknown as { rootsFetched: boolean }).rootsFetched; i++) await new Promise((r) => setTimeout(r, 5));
    },
    close: () => Promise.all([client.close(), server.close()]),
  };
}

describe("project folder resolution order", () => {
  it("1. an explicit absolute argument wins over everything", async () => {
    const ws = new Workspace({ roots: [base], env: { CLAUDE_PROJECT_DIR: claudeDir }, cwd: cwdDir, enforce: true });
    expect(await ws.projectDir(rootB)).toBe(rootB);
  });

  it("1b. a relative argument resolves against the first workspace folder", async () => {
    const ws = new Workspace({ roots: [base], env: {}, cwd: cwdDir, enforce: true });
    expect(await ws.projectDir("rootA")).toBe(rootA);
  });

  it("2. --workspace comes before client roots and CLAUDE_PROJECT_DIR", async () => {
    const c = await clientWithRoots([rootA], { roots: [flagDir], env: { CLAUDE_PROJECT_DIR: claudeDir } });
    try {
      expect(await c.workspace.projectDir(undefined)).toBe(flagDir);
      // Client roots still bound the sandbox alongside --workspace.
      expect(await c.workspace.projectDir(rootA)).toBe(rootA);
    } finally {
      await c.close();
    }
  });

  it("3. client roots (roots/list) come before CLAUDE_PROJECT_DIR, and roots/list_changed is honoured", async () => {
    const c = await clientWithRoots([rootA], { env: { CLAUDE_PROJECT_DIR: claudeDir } });
    try {
      expect(await c.workspace.projectDir(undefined)).toBe(rootA);
      expect(c.asked()).toBe(1);
      // Cached until the client says its roots changed.
      expect(await c.workspace.projectDir(undefined)).toBe(rootA);
      expect(c.asked()).toBe(1);
      await c.change([rootB]);
      expect(await c.workspace.projectDir(undefined)).toBe(rootB);
      expect(c.asked()).toBe(2);
      // rootA is no longer a root; CLAUDE_PROJECT_DIR still is, outside stays refused.
      expect((await rejection(c.workspace.projectDir(outside))).code).toBe("outside_workspace");
    } finally {
      await c.close();
    }
  });

  it("concurrent tool calls share one roots/list request", async () => {
    const c = await clientWithRoots([rootA]);
    try {
      const dirs = await Promise.all([1, 2, 3, 4].map(() => c.workspace.projectDir(undefined)));
      expect(dirs).toEqual([rootA, rootA, rootA, rootA]);
      expect(c.asked()).toBe(1);
    } finally {
      await c.close();
    }
  });

  it("a client without the roots capability is never asked, and CLAUDE_PROJECT_DIR is used", async () => {
    const { server, workspace } = createServer({ enforce: true, env: { CLAUDE_PROJECT_DIR: claudeDir }, cwd: emptyCwd });
    const client = new Client({ name: "no-roots", version: "0" });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    await client.connect(b);
    try {
      expect(await workspace.projectDir(undefined)).toBe(claudeDir);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("a client that declares roots but fails roots/list is treated as having none", async () => {
    const { server, workspace } = createServer({ enforce: true, env: { CLAUDE_PROJECT_DIR: claudeDir }, cwd: emptyCwd });
    const client = new Client({ name: "broken-roots", version: "0" }, { capabilities: { roots: {} } });
    client.setRequestHandler(ListRootsRequestSchema, async () => {
      throw new Error("Method not found");
    });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    await client.connect(b);
    try {
      expect(await workspace.projectDir(undefined)).toBe(claudeDir);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("non-file and relative roots are ignored", async () => {
    const c = await clientWithRoots([]);
    try {
      c.workspace.setClientRoots(["relative/dir", `${rootA}\0x`, rootB]);
      expect(await c.workspace.roots()).toEqual([rootB]);
    } finally {
      await c.close();
    }
  });

  it("4. CLAUDE_PROJECT_DIR comes before the working directory", async () => {
    const ws = new Workspace({ env: { CLAUDE_PROJECT_DIR: claudeDir }, cwd: cwdDir, enforce: true });
    expect(await ws.projectDir(undefined)).toBe(claudeDir);
  });

  it("5. the working directory is used only when it holds a connector", async () => {
    expect(await new Workspace({ env: {}, cwd: cwdDir, enforce: true }).projectDir(undefined)).toBe(cwdDir);
    const cfgOnly = folder("cfgonly", false);
    writeFileSync(join(cfgOnly, "configuration.json"), "{}");
    expect(await new Workspace({ env: {}, cwd: cfgOnly, enforce: true }).projectDir(undefined)).toBe(cfgOnly);
  });

  it("6. otherwise a clear error says how to pass the folder", async () => {
    const err = await rejection(new Workspace({ env: {}, cwd: emptyCwd, enforce: true }).projectDir(undefined));
    expect(err.code).toBe("invalid_argument");
    expect(err.message).toMatch(/No connector folder/);
    expect(err.hint).toMatch(/project_dir/);
    expect(err.hint).toMatch(/--workspace/);
  });

  it("a client that starts the server in / or the home folder gets the same error, even with a connector.py there", async () => {
    // `/` cannot hold our fixture, but the home-folder rule is the same code path.
    for (const cwd of ["/", homedir()]) {
      const err = await rejection(new Workspace({ env: {}, cwd, enforce: true }).projectDir(undefined));
      expect(err.code).toBe("invalid_argument");
    }
  });

  it("a relative argument with no workspace is refused rather than resolved against /", async () => {
    const err = await rejection(new Workspace({ env: {}, cwd: "/", enforce: true }).projectDir("my-connector"));
    expect(err.code).toBe("invalid_argument");
    expect(err.message).toContain("relative");
    // The CLI (enforce false) resolves against its working directory as a shell user expects.
    expect(await new Workspace({ env: {}, cwd: base }).projectDir("rootA")).toBe(rootA);
  });

  it("with no workspace at all, an absolute folder is accepted but /, home and system folders are not", async () => {
    const ws = new Workspace({ env: {}, cwd: "/", enforce: true });
    expect(await ws.projectDir(rootA)).toBe(rootA);
    for (const sys of ["/", "/etc", "/usr/lib", homedir(), "/proc/self"]) {
      expect((await rejection(ws.projectDir(sys))).code).toBe("outside_workspace");
    }
  });
});

describe("sandbox", () => {
  const ws = new Workspace({ roots: [base], env: {}, cwd: emptyCwd, enforce: true });

  it("refuses folders outside the workspace, through .. too", async () => {
    expect((await rejection(ws.projectDir("/etc"))).code).toBe("outside_workspace");
    expect((await rejection(ws.projectDir("../../../../etc"))).code).toBe("outside_workspace");
    expect((await rejection(ws.projectDir(`${rootA}/../../..`))).code).toBe("outside_workspace");
  });

  it("refuses a folder that is a symlink to outside the workspace", async () => {
    const elsewhere = realpathSync(mkdtempSync(join(tmpdir(), "ws-elsewhere-")));
    symlinkSync(elsewhere, join(base, "escape-link"));
    expect((await rejection(ws.projectDir(join(base, "escape-link")))).code).toBe("outside_workspace");
  });

  it("refuses NUL bytes, very long paths and over-long names", async () => {
    expect((await rejection(ws.projectDir(`${rootA}\0/etc`))).message).toContain("NUL");
    expect((await rejection(ws.projectDir(`${rootA}/${"a/".repeat(3000)}`))).message).toMatch(/limit is 4096/);
    expect((await rejection(ws.projectDir(`${rootA}/${"x".repeat(300)}`))).message).toMatch(/longer than 255/);
  });

  it("refuses wrong types without touching the filesystem", async () => {
    expect((await rejection(ws.projectDir(42 as unknown as string))).message).toMatch(/must be a string/);
  });

  it("reports a missing folder and a file passed as a folder", async () => {
    expect((await rejection(ws.projectDir(join(base, "nope")))).code).toBe("not_found");
    expect((await rejection(ws.projectDir(join(rootA, "connector.py")))).code).toBe("invalid_argument");
    // scaffold may name a folder that does not exist yet.
    expect(await ws.projectDir(join(base, "new-one"), false)).toBe(join(base, "new-one"));
  });

  it("a symlink loop is an error, not a hang", () => {
    const dir = folder("loop");
    symlinkSync(join(dir, "b"), join(dir, "a"));
    symlinkSync(join(dir, "a"), join(dir, "b"));
    expect(() => realpathAllowingMissing(join(dir, "a", "x"))).toThrow(/symbolic links/);
  });

  it("isInside treats names starting with .. as inside", () => {
    expect(isInside("/r", "/r/..x")).toBe(true);
    expect(isInside("/r", "/r/../x")).toBe(false);
    expect(isInside("/r", "/r")).toBe(true);
    expect(isInside("/r", "/rx")).toBe(false);
  });
});
