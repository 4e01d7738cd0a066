import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// Two cores on CI: fork pool, at most two workers. Slow suites (fidelity, e2e) carry
// their own longer timeouts; every suite runs in CI.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ["default"],
    // Run records (src/runner/history.ts) of test runs go to a folder of this test run, not the user's cache.
    env: { FIVETRAN_CONNECTOR_MCP_RUNS_DIR: mkdtempSync(join(tmpdir(), "ftmcp-test-runs-")) },
  },
});
