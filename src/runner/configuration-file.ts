import { existsSync, readFileSync } from "node:fs";
import { resolveInside } from "../workspace/workspace.js";

/**
 * configuration.json as text, for the harness to read with Python's json and the SDK's checks and messages (an
 * empty file, one that is not JSON or not an object fails the run as `fivetran debug` fails it). Undefined when
 * there is no file.
 */
export function configurationText(projectDir: string): string | undefined {
  // Security: the file is untrusted input; it must not lead outside the connector folder.
  const p = resolveInside(projectDir, "configuration.json");
  return existsSync(p) ? readFileSync(p, "utf8") : undefined;
}

/** Only to know which values to mask: what Python refuses is reported by the harness, not here. */
export function configurationForMasking(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
