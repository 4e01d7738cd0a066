import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Redactor } from "../workspace/redact.js";

/**
 * A Redactor that knows the connector's configuration values, so a token a connector copied into
 * its state (or a deploy log) is masked in what we return. An unreadable configuration falls back
 * to the patterns alone: redaction must never be the reason a tool fails.
 */
export function projectRedactor(projectDir: string, extra: string[] = []): Redactor {
  const path = join(projectDir, "configuration.json");
  let config: Record<string, unknown> | null = null;
  if (existsSync(path)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
    } catch {
      config = null;
    }
  }
  return new Redactor(config, extra);
}
