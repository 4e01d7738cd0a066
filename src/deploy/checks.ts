import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ConnectorProject, leaves } from "../workspace/project.js";
import { checkRequirements, parseRequirements, requirementFinding } from "../deps/requirements.js";
import type { Finding } from "../findings.js";

/** One pre-deploy finding, in the shared finding shape. `error` blocks the deploy. */
export type DeployCheck = Finding;

/** The connection (destination schema) name rule `fivetran deploy` enforces. */
export const CONNECTION_NAME = /^[_a-z][_a-z0-9]*$/;
export const PYTHON_VERSIONS = ["3.10", "3.11", "3.12", "3.13", "3.14"] as const;
const MAX_CONFIG_FIELDS = 100;

export function checkConnectionName(name: string | undefined): DeployCheck[] {
  if (!name) {
    return [{ rule: "connection_name", severity: "error", message: "No connection name was given.", hint: "Pass connection (or set FIVETRAN_CONNECTION_NAME): lower-case letters, digits and _, e.g. my_api_connector." }];
  }
  if (!CONNECTION_NAME.test(name)) {
    const suggestion = name.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^([0-9])/, "_$1");
    return [
      {
        rule: "connection_name",
        severity: "error",
        message: `Invalid connection name '${name}': it must use only [a-z0-9_] and begin with _ or a lower-case letter.`,
        hint: `Use e.g. '${suggestion}'.`,
      },
    ];
  }
  return [];
}

/** configuration.json as deploy sends it: an object of string values, at most 100 keys. */
export function checkConfigurationText(text: string | null): DeployCheck[] {
  const file = "configuration.json";
  if (text === null) {
    return [{ rule: "configuration", severity: "warning", file, message: "There is no configuration.json; a new connection needs one.", hint: "Create configuration.json (use {} when the connector needs no settings)." }];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return [{ rule: "configuration", severity: "error", file, message: `configuration.json is not valid JSON: ${(e as Error).message}`, hint: "Fix the JSON syntax." }];
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [{ rule: "configuration", severity: "error", file, message: "configuration.json must be a JSON object.", hint: 'Write it as {"key": "value", ...}.' }];
  }
  const out: DeployCheck[] = [];
  const entries = Object.entries(value as Record<string, unknown>);
  const nonString = entries.filter(([, v]) => typeof v !== "string").map(([k]) => k);
  if (nonString.length) {
    out.push({
      rule: "configuration",
      severity: "error",
      file,
      message: `Configuration values must all be strings; not strings: ${nonString.join(", ")}.`,
      hint: 'Quote them (e.g. "page_size": "100") and parse them in the connector; encode lists/objects as JSON text.',
    });
  }
  if (entries.length > MAX_CONFIG_FIELDS) {
    out.push({ rule: "configuration", severity: "error", file, message: `configuration.json has ${entries.length} keys; the limit is ${MAX_CONFIG_FIELDS}.`, hint: "Merge or drop settings." });
  }
  return out;
}

/** File-level checks that need no Python: the files deploy packages and validates. */
export async function fileChecks(projectDir: string): Promise<DeployCheck[]> {
  const out: DeployCheck[] = [];
  const project = ConnectorProject.of(projectDir);
  // Security: `fivetran deploy` zips the folder and follows links as it goes; a link leaving the folder would upload
  // the file it points at. Refuse the deploy before any of it is read.
  const escaping = linksLeaving(project);
  if (escaping.length) throw leaves(escaping[0]);
  if (!project.exists("connector.py")) {
    out.push({ rule: "connector_file", severity: "error", file: "connector.py", message: "connector.py is missing from the folder root (the name must be lower case).", hint: "Create connector.py, e.g. with scaffold." });
  }
  out.push(...checkConfigurationText(project.readText("configuration.json") ?? null));
  const req = project.readText("requirements.txt");
  if (req !== undefined) {
    for (const i of checkRequirements(parseRequirements(req))) out.push(requirementFinding(i));
  }
  if (project.exists("drivers") && !project.exists("drivers/installation.sh")) {
    out.push({ rule: "drivers", severity: "error", file: "drivers/installation.sh", message: "A drivers/ folder needs drivers/installation.sh.", hint: "Add drivers/installation.sh, or remove drivers/." });
  }
  return out;
}

/** Folders deploy does not package (the SDK leaves them out), so links in them do not matter to it. */
const UNPACKAGED = new Set([".venv", "venv", "files", "__pycache__", ".git", "node_modules", ".idea", ".vscode"]);

/** Links in the folder (not in unpackaged folders) whose real target is outside it, relative paths, bounded walk. */
function linksLeaving(project: ConnectorProject, max = 10_000): string[] {
  const out: string[] = [];
  const stack = [""];
  let seen = 0;
  while (stack.length && seen < max) {
    const rel = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(rel ? join(project.root, rel) : project.root, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      seen++;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && !UNPACKAGED.has(e.name)) stack.push(child);
      else if (e.isSymbolicLink()) {
        try {
          project.resolve(child);
        } catch {
          out.push(child);
        }
      }
    }
  }
  return out;
}
