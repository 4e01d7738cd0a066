import fg from "fast-glob";
import { defineConfig } from "vitest/config";

/**
 * The fast tier (`npm run test:unit`, project "unit"): pure functions and in-process tests (engines called
 * directly, the MCP SDK Client over an in-memory transport, DuckDB in this process, the lint engine). Aim: under
 * 60 s of wall time on an idle two-core machine. Everything else (a connector run in python3, pip, the real SDK,
 * stdio servers, the MCP Inspector, the scaffold matrix) is project "integration". `npm test` runs both.
 * A new test file lands in "integration" unless it is listed here.
 */
const UNIT = [
  "test/unit/**/*.test.ts",
  "test/contract/glue.test.ts",
  "test/contract/conventions.test.ts",
  "test/lint/**/*.test.ts",
  "test/warehouse/**/*.test.ts",
  "test/clients/**/*.test.ts",
  "test/scaffold/mcp.test.ts",
  "test/scaffold/cli.test.ts",
  "test/beyond/deploy.test.ts",
  "test/beyond/evaluate-data.test.ts",
  "test/beyond/evaluate-declared.test.ts",
  "test/runner/sdk-output.test.ts",
  "test/runner/history.test.ts",
  "test/proof/units.test.ts",
];
/** In the folders above but not fast: long randomised write sequences, a second process holding the warehouse. */
const SLOW = ["test/warehouse/spill.test.ts", "test/warehouse/lock.test.ts"];
const unitFiles = fg.sync(UNIT, { ignore: SLOW });

// Two cores on CI: fork pool, at most two workers. Slow suites (fidelity, e2e) carry their own longer timeouts.
export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ["default"],
    // Each test file's temporary folders (and run records) live in one folder removed after the file.
    setupFiles: ["test/helpers/temp-setup.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: unitFiles } },
      { extends: true, test: { name: "integration", include: ["test/**/*.test.ts"], exclude: ["**/node_modules/**", ...unitFiles] } },
    ],
  },
});
