import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TEST_VENV = join(REPO_ROOT, ".cache", "test-venv");
export const TEST_VENV_PYTHON = join(TEST_VENV, "bin", "python");

/**
 * The Python of the test venv, which has the real fivetran-connector-sdk installed by
 * scripts/test-setup.mjs. Under CI=true its absence is an error, never a skip.
 */
export function realSdkPython(): string | null {
  if (existsSync(TEST_VENV_PYTHON)) return TEST_VENV_PYTHON;
  if (process.env.CI === "true") throw new Error(`The test venv is missing (${TEST_VENV_PYTHON}); run node scripts/test-setup.mjs`);
  return null;
}
