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
    return [{ check: "lint", severity: "warning", message: `The linter could not be loaded, so lint errors were not checked: ${(e as Error).message}`, fix: "Run lint_connector before deploying." }];
  }
  const result = await lint(projectDir, { signal });
  return result.findings
    .filter((f) => f.severity === "error")
    .map((f) => ({
      check: `lint:${f.rule}`,
      severity: "error" as const,
      file: f.file,
      line: f.line,
      message: `${f.title}: ${f.message}`,
      fix: f.fix ? `${f.fix.description}${f.fix.safe ? " (lint_connector with fix=true applies it)" : ""}` : `See ${f.docUri}.`,
    }));
}
