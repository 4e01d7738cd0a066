import { lintFindingBrief } from "../lint/result-shape.js";
import type { DeployCheck } from "./checks.js";

/**
 * Lint errors as pre-deploy findings: an error-level finding fails at import, deploy or sync time
 * (lint-rules.md), so deploying over one ships a connector known to break. Warnings stay advice.
 * A linter that cannot load is reported as a warning finding rather than passed over in silence.
 */
export async function lintChecksForDeploy(projectDir: string, signal?: AbortSignal): Promise<DeployCheck[]> {
  let lint: typeof import("../lint/engine.js").lint;
  try {
    lint = (await import("../lint/engine.js")).lint;
  } catch (e) {
    return [{ rule: "lint", severity: "warning", message: `The linter could not be loaded, so lint errors were not checked: ${(e as Error).message}`, hint: "Run lint_connector before deploying." }];
  }
  const result = await lint(projectDir, { signal });
  return result.findings
    .filter((f) => f.severity === "error")
    .map(lintFindingBrief);
}
