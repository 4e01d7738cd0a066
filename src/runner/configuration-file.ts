import { nestedPast, PYTHON_RECURSION_LIMIT } from "./json-depth.js";
import { ConnectorProject } from "../workspace/project.js";

/**
 * configuration.json as text, for the harness to read with Python's json and the SDK's checks and messages (an
 * empty file, one that is not JSON or not an object fails the run as `fivetran debug` fails it). Undefined when
 * there is no file.
 */
export function configurationText(projectDir: string): string | undefined {
  return configurationBytes(projectDir)?.toString("utf8");
}

/**
 * configuration.json's bytes, for the harness to decode as `fivetran debug` reads the file (UTF-8, strictly, with
 * universal newlines: a Latin-1 or UTF-16 file is refused with the codec's error). Undefined when there is no file.
 */
export function configurationBytes(projectDir: string): Buffer | undefined {
  // Security: read through the project layer, so a configuration.json linking out of the folder is refused.
  return ConnectorProject.of(projectDir).readBytes("configuration.json");
}

/** Only to know which values to mask: what Python refuses is reported by the harness, not here. */
export function configurationForMasking(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    // Nested past what Python's json reads, the file fails the run in the harness; its walk here would overflow.
    if (nestedPast(v, PYTHON_RECURSION_LIMIT)) return undefined;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The configuration a run gets, as Node needs it to know its secrets (the override wins); undefined when there is
 * none or Python would refuse the file (the run reports that).
 */
export function readConfiguration(projectDir: string, override?: Record<string, unknown>): Record<string, unknown> | undefined {
  return override ?? configurationForMasking(configurationText(projectDir));
}
