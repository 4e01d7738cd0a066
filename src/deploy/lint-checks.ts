import { lintFindingBrief } from "../lint/result-shape.js";
import type { DeployCheck } from "./checks.js";

/**
 * The lint rules are deploy's checks of the connector's files: an error-level finding fails at import, deploy or
 * sync time (lint-rules.md), so deploying over one ships a connector known to break. Some lint warnings are what
 * `fivetran deploy` itself refuses or asks about, and carry deploy's weight here: a pre-installed package listed in
 * requirements.txt blocks (deploy stops until it is removed), an unpinned one is a warning (deploy asks to pin it).
 * A linter that cannot load is reported as a warning finding rather than passed over in silence.
 */
const DEPLOY_SEVERITY: Record<string, "error" | "warning"> = { FT060: "error", FT061: "error", FT062: "warning" };
/**
 * Lint findings deploy words itself: a missing configuration.json (FT05F, an error for `fivetran debug`) is a warning
 * from fileChecks (checks.ts), since deploying to an existing connection does not need the file.
 */
const DEPLOY_OWN = new Set(["FT05F"]);

export async function lintChecksForDeploy(projectDir: string, signal?: AbortSignal): Promise<DeployCheck[]> {
  let lint: typeof import("../lint/engine.js").lint;
  try {
    lint = (await import("../lint/engine.js")).lint;
  } catch (e) {
    return [
      {
        rule: "lint",
        severity: "warning",
        message: `The linter could not be loaded, so the connector's files were not checked: ${(e as Error).message}`,
        hint: "Run lint_connector before deploying.",
      },
    ];
  }
  const result = await lint(projectDir, { signal });
  return result.findings
    .filter((f) => !DEPLOY_OWN.has(f.rule) && (f.severity === "error" || f.rule in DEPLOY_SEVERITY))
    .map((f) => ({ ...lintFindingBrief(f), severity: DEPLOY_SEVERITY[f.rule] ?? "error" }));
}
