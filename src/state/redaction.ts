import type { ProjectRef } from "../warehouse/files.js";
import { ConnectorProject } from "../workspace/project.js";
import { Redactor } from "../workspace/redact.js";

/**
 * A Redactor that knows the connector's configuration values, so a token a connector copied into
 * its state (or a deploy log) is masked in what we return. An unreadable configuration falls back
 * to the patterns alone: redaction must never be the reason a tool fails. Without `usePatterns`, only the known
 * secrets are masked (for data such as warehouse rows, where `token = "..."` shapes may be legitimate).
 */
export function projectRedactor(projectDir: ProjectRef, extra: string[] = [], usePatterns = true): Redactor {
  let config: Record<string, unknown> | null = null;
  try {
    // Security: through the project layer; a configuration.json linking out of the folder is not read.
    const parsed: unknown = JSON.parse(ConnectorProject.of(projectDir).readText("configuration.json") ?? "null");
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
  } catch {
    config = null;
  }
  return new Redactor(config, extra, usePatterns);
}
