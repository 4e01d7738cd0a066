import fg from "fast-glob";
import { BaseSequencer, type TestSpecification } from "vitest/node";
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

/**
 * Files that take minutes, started first: vitest orders files it has no timings for (a clean clone, as in CI) by
 * size, largest first, and the fidelity suite's file is small. Started late, it ran alone for its last minutes with a
 * core idle: CI at 48391fb took 672 s, the fidelity file 485 s of it, started about three minutes in.
 */
const LONG_FIRST = ["test/fidelity/fidelity.test.ts", "test/scaffold/matrix.test.ts", "test/runner/lingering-threads.test.ts", "test/warehouse/spill.test.ts"];

class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONG_FIRST.findIndex((p) => f.moduleId.endsWith(p));
      return i < 0 ? LONG_FIRST.length : i;
    };
    // A stable sort: every other file keeps vitest's order.
    return sorted
      .map((f, i) => ({ f, i, r: rank(f) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.f);
  }
}

// Two cores on CI: fork pool, at most two workers. Slow suites (fidelity, e2e) carry their own longer timeouts.
export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ["default"],
    sequence: { sequencer: LongFilesFirst },
    // Each test file's temporary folders (and run records) live in one folder removed after the file.
    setupFiles: ["test/helpers/temp-setup.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: unitFiles } },
      { extends: true, test: { name: "integration", include: ["test/**/*.test.ts"], exclude: ["**/node_modules/**", ...unitFiles] } },
    ],
  },
});
