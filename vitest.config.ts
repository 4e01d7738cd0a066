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
  },
});
