import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * Every test file gets its own temporary folder, removed when the file is done: os.tmpdir() reads TMPDIR on each
 * call, so the folders a test makes with mkdtempSync(join(tmpdir(), ...)), and whatever the servers, Python and pip
 * it starts put in their temporary folder, end up under it. Run records go there too (not the user's cache).
 * Runs before the test file is imported (vitest setupFiles), so module-level folders are covered.
 */
const outer = process.env.FTMCP_TEST_OUTER_TMPDIR ?? tmpdir();
process.env.FTMCP_TEST_OUTER_TMPDIR = outer;
const dir = realpathSync(mkdtempSync(join(outer, "ftmcp-test-")));
process.env.TMPDIR = dir;
process.env.FIVETRAN_CONNECTOR_MCP_RUNS_DIR = join(dir, "runs");
process.env.FIVETRAN_CONNECTOR_MCP_VENVS_DIR = join(dir, "venvs");

afterAll(() => {
  process.env.TMPDIR = outer;
  // A server or connector a test left to die may still hold a file for a moment; retry before giving up.
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});
