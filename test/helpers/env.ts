import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TEST_VENV = join(REPO_ROOT, ".cache", "test-venv");
export const TEST_VENV_PYTHON = join(TEST_VENV, "bin", "python");

/**
 * The Python that has the real fivetran-connector-sdk: FIDELITY_SDK_PYTHON when set (a venv's python with another
 * SDK release, to run the fidelity suites against it without an edit), else the test venv's, installed by
 * scripts/test-setup.mjs. Under CI=true its absence is an error, never a skip; a FIDELITY_SDK_PYTHON that does not
 * exist is always an error, since it was asked for.
 */
export function realSdkPython(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.FIDELITY_SDK_PYTHON;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`FIDELITY_SDK_PYTHON names ${chosen}, which does not exist`);
    return chosen;
  }
  if (existsSync(TEST_VENV_PYTHON)) return TEST_VENV_PYTHON;
  if (env.CI === "true") throw new Error(`The test venv is missing (${TEST_VENV_PYTHON}); run node scripts/test-setup.mjs`);
  return null;
}
