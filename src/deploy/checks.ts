import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ConnectorProject, leaves } from "../workspace/project.js";
import type { Finding } from "../findings.js";

/** One pre-deploy finding, in the shared finding shape. `error` blocks the deploy. */
export type DeployCheck = Finding;

/** The connection (destination schema) name rule `fivetran deploy` enforces. */
export const CONNECTION_NAME = /^[_a-z][_a-z0-9]*$/;
export const PYTHON_VERSIONS = ["3.10", "3.11", "3.12", "3.13", "3.14"] as const;

export function checkConnectionName(name: string | undefined): DeployCheck[] {
  if (!name) {
    return [
      {
        rule: "connection_name",
        severity: "error",
        message: "No connection name was given.",
        hint: "Pass connection (or set FIVETRAN_CONNECTION_NAME): lower-case letters, digits and _, e.g. my_api_connector.",
      },
    ];
  }
  if (!CONNECTION_NAME.test(name)) {
    const suggestion = name
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, "_")
      .replace(/^([0-9])/, "_$1");
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

/**
 * What deploy needs beyond the lint rules (src/deploy/lint-checks.ts checks connector.py, configuration.json and
 * requirements.txt): no link leaving the folder, a configuration.json for a new connection, and
 * drivers/installation.sh when drivers/ exists.
 */
export async function fileChecks(projectDir: string): Promise<DeployCheck[]> {
  const out: DeployCheck[] = [];
  const project = ConnectorProject.of(projectDir);
  // Security: `fivetran deploy` zips the folder and follows links as it goes; a link leaving the folder would upload
  // the file it points at. Refuse the deploy before any of it is read.
  const escaping = linksLeaving(project);
  if (escaping.length) throw leaves(escaping[0]);
  if (!project.exists("configuration.json")) {
    out.push({
      rule: "configuration",
      severity: "warning",
      file: "configuration.json",
      message: "There is no configuration.json; a new connection needs one.",
      hint: "Create configuration.json (use {} when the connector needs no settings).",
    });
  }
  if (project.exists("drivers") && !project.exists("drivers/installation.sh")) {
    out.push({
      rule: "drivers",
      severity: "error",
      file: "drivers/installation.sh",
      message: "A drivers/ folder needs drivers/installation.sh.",
      hint: "Add drivers/installation.sh, or remove drivers/.",
    });
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
      if (e.isDirectory() && !UNPACKAGED.has(e.name) && !e.name.startsWith(".venv.untrusted-")) stack.push(child);
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
