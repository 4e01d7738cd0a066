import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allTools } from "../../tools/index.js";
import { ensureBuilt } from "../helpers/built.js";
import { REPO_ROOT } from "../helpers/env.js";

/**
 * What `npx -y fivetran-connector-mcp` gets: the tarball `npm pack` makes, installed into an empty
 * folder from the npm cache, started by its bin with nothing of this checkout around it.
 */
const work = realpathSync(mkdtempSync(join(tmpdir(), "pack-e2e-")));
const app = join(work, "app");
let tarball = "";
let shipped: { path: string; size: number }[] = [];
let packedSize = 0;

beforeAll(() => {
  ensureBuilt();
  // prepare (the build) already ran through ensureBuilt; pack what is in dist/ now.
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const info = (JSON.parse(out) as { filename: string; size: number; files: { path: string; size: number }[] }[])[0];
  tarball = join(work, info.filename);
  shipped = info.files;
  packedSize = info.size;
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "pack-e2e-app", private: true }));
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--omit=dev", "--ignore-scripts", "--loglevel=error", tarball], {
    cwd: app,
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 120_000,
  });
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function connect(command: string, args: string[], cwd: string) {
  const transport = new StdioClientTransport({ command, args, cwd, env: getDefaultEnvironment(), stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: "pack-e2e", version: "0" });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

describe("the packed package", () => {
  it("ships the runtime and nothing else big", () => {
    const paths = new Set(shipped.map((f) => f.path));
    for (const need of ["package.json", "README.md", "dist/src/cli.js", "dist/src/server.js", "dist/tools/index.js", "resources/instructions.md"]) {
      expect(paths, need).toContain(need);
    }
    // Every harness file the runner spawns at run time.
    const harness = join(REPO_ROOT, "src", "runner", "harness");
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.name === "__pycache__" ? [] : e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    for (const f of existsSync(harness) ? walk(harness).filter((p) => p.endsWith(".py")) : []) {
      expect(paths, "harness file").toContain(relative(REPO_ROOT, f));
    }
    const unwanted = [...paths].filter((p) => /^(test|scripts|\.cache|node_modules)\//.test(p) || /\.(map|pyc|ts)$/.test(p) || p.includes("__pycache__"));
    expect(unwanted).toEqual([]);
    expect(packedSize, "packed size in bytes").toBeLessThan(2_000_000);
  });

  it("every relative import in the shipped JavaScript is shipped too", () => {
    const paths = new Set(shipped.map((f) => f.path));
    const missing: string[] = [];
    for (const f of shipped.filter((x) => x.path.endsWith(".js"))) {
      const src = readFileSync(join(app, "node_modules", "fivetran-connector-mcp", f.path), "utf8");
      for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = normalize(join(dirname(f.path), m[1]));
        if (!paths.has(target)) missing.push(`${f.path} -> ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("`npx -y fivetran-connector-mcp` starts the installed bin and lists every tool", async () => {
    const { client } = await connect("npx", ["-y", "--prefer-offline", "fivetran-connector-mcp"], app);
    // The tarball was packed from dist/, so the checkout's built server is the reference (the
    // sources may have moved on since the build when others work in the same checkout).
    const local = await connect(process.execPath, [ensureBuilt()], "/");
    try {
      expect(client.getServerVersion()?.name).toBe("fivetran-connector-mcp");
      const names = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(names.length).toBeGreaterThanOrEqual(allTools.length > 0 ? 1 : 0);
      expect(names).toEqual((await local.client.listTools()).tools.map((t) => t.name).sort());
    } finally {
      await client.close();
      await local.client.close();
    }
  }, 60_000);

  it("started from / with a minimal environment, like Claude Desktop, it serves resources from the package", async () => {
    const bin = join(app, "node_modules", ".bin", "fivetran-connector-mcp");
    const { client, stderr } = await connect(bin, [], "/");
    try {
      const { resources } = await client.listResources();
      expect(resources.length).toBeGreaterThan(0);
      const read = await client.readResource({ uri: resources[0].uri });
      expect(JSON.stringify(read.contents).length).toBeGreaterThan(100);
      // With no workspace, a tool that needs a folder says how to pass one.
      const withDir = (await client.listTools()).tools.find(
        (t) => "project_dir" in ((t.inputSchema.properties as object | undefined) ?? {}) && (t.inputSchema.required ?? []).length === 0 && !t.annotations?.openWorldHint,
      );
      expect(withDir, "a tool that takes only a folder").toBeDefined();
      if (withDir) {
        const res = await client.callTool({ name: withDir.name, arguments: {} });
        expect(res.isError).toBe(true);
        expect((res.content as { text: string }[])[0].text).toMatch(/--workspace/);
      }
    } finally {
      await client.close();
    }
    expect(stderr()).toContain("serving MCP on stdio");
  }, 60_000);

  it("the bin answers --version with the package version", () => {
    const bin = join(app, "node_modules", ".bin", "fivetran-connector-mcp");
    const version = execFileSync(bin, ["--version"], { cwd: "/", encoding: "utf8" }).trim();
    expect(version).toBe((JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version);
  });
});
