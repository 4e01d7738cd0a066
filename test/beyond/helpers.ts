import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ToolContext } from "../../src/mcp/tool.js";
import { Workspace } from "../../src/workspace/workspace.js";

/** A fresh connector folder with the given files (relative path → content). */
export function makeProject(files: Record<string, string> = {}, prefix = "beyond-"): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const all = { "connector.py": "from fivetran_connector_sdk import Connector\n", "configuration.json": "{}\n", "requirements.txt": "", ...files };
  for (const [rel, text] of Object.entries(all)) {
    const p = join(dir, rel);
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

/** A ToolContext over a sandboxed workspace, recording progress and logs. */
export function makeCtx(root: string, extra: Partial<ToolContext> = {}) {
  const progress: { progress: number; total?: number; message?: string }[] = [];
  const logs: { level: string; message: string }[] = [];
  const ctx: ToolContext = {
    signal: new AbortController().signal,
    workspace: new Workspace({ roots: [root], enforce: true }),
    progress: (p, total, message) => progress.push({ progress: p, total, message }),
    log: (level, message) => logs.push({ level, message }),
    ...extra,
  };
  return { ctx, progress, logs };
}
