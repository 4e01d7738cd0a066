import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./env.js";

/** The built bin that clients start. */
export const BUILT_CLI = join(REPO_ROOT, "dist", "src", "cli.js");

function newestSource(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ when it is missing or older than a source file, under a lock so suites (and
 * engineers) building at the same time do not interleave. tsc still emits when another part of the
 * tree has type errors; those are the typecheck's business, not the e2e suites'.
 */
let checked = false;

export function ensureBuilt(): string {
  // Once per test process: a rebuild in the middle of a suite would race the servers it started.
  if (checked && existsSync(BUILT_CLI)) return BUILT_CLI;
  checked = true;
  const stale = () => !existsSync(BUILT_CLI) || statSync(BUILT_CLI).mtimeMs < Math.max(newestSource(join(REPO_ROOT, "src")), newestSource(join(REPO_ROOT, "tools")));
  if (stale()) {
    try {
      execFileSync("flock", ["/tmp/fivetran-connector-mcp-build.lock", "sh", "-c", "npx tsc -p tsconfig.json >/dev/null 2>&1; node scripts/postbuild.mjs"], {
        cwd: REPO_ROOT,
        stdio: "ignore",
        timeout: 170_000,
      });
    } catch {
      // Reported below if nothing usable was emitted.
    }
  }
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing; run npm run build`);
  return BUILT_CLI;
}
