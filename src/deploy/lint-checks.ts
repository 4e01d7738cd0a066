import { lint } from "../lint/engine.js";
import type { DeployCheck } from "./checks.js";

/**
 * Lint errors as pre-deploy findings: an error-level finding fails at import, deploy or sync time
 * (lint-rules.md), so deploying over one ships a connector known to break. Warnings stay advice.
 */
export async function lintChecksForDeploy(projectDir: string, signal?: AbortSignal): Promise<DeployCheck[]> {
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
