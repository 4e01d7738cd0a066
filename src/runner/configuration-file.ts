import { nestedPast, PYTHON_RECURSION_LIMIT } from "./json-depth.js";
import { lstatSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
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
  const project = ConnectorProject.of(projectDir);
  // A folder at its name (what a Docker bind mount makes of a file the host lacked) holds no configuration: the
  // harness fails the run on it as `fivetran debug` does (572).
  if (project.isFolder("configuration.json")) return undefined;
  // Security: read through the project layer, so a configuration.json linking out of the folder is refused.
  return project.readBytes("configuration.json");
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

/**
 * A check, cheap enough to run before each line of output is passed on, that calls `onText` with configuration.json's
 * text whenever the file changed since the last check (the first check always reads it). The real SDK reads the
 * file itself once connector.py has loaded, and a connector may write it as it loads (fetching its key at import):
 * the secrets to mask are the file's as the sync read it, which only a look after the import can tell.
 */
export function configurationWatch(projectDir: string, onText: (text: string) => void): () => void {
  let seen: string | undefined;
  let name: string | undefined;
  const key = (st: Stats | undefined) => (st ? `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}` : "-");
  return () => {
    try {
      name ??= join(ConnectorProject.of(projectDir).root, "configuration.json");
      // The name itself and, through a link, what it names: a link replaced by a file (or retargeted) changes the
      // first, a file written in place the second. Only metadata here; the read below goes through the project layer.
      const own = lstatSync(name, { throwIfNoEntry: false });
      const now = `${key(own)}/${own?.isSymbolicLink() ? key(statSync(name, { throwIfNoEntry: false })) : ""}`;
      if (now === seen) return;
      seen = now;
      const text = configurationText(projectDir);
      if (text !== undefined) onText(text);
    } catch {
      // Unreadable or refused: the secrets known so far stay masked, and the run reports the file's problem itself.
    }
  };
}
