import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
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
  if (!existsSync(join(projectDir, "connector.py"))) {
    out.push({ rule: "connector_file", severity: "error", file: "connector.py", message: "connector.py is missing from the folder root (the name must be lower case).", hint: "Create connector.py, e.g. with scaffold." });
  }
  const cfg = join(projectDir, "configuration.json");
  out.push(...checkConfigurationText(existsSync(cfg) ? await readFile(cfg, "utf8") : null));
  const req = join(projectDir, "requirements.txt");
  if (existsSync(req)) {
    for (const i of checkRequirements(parseRequirements(await readFile(req, "utf8")))) out.push(requirementFinding(i));
  }
  if (existsSync(join(projectDir, "drivers")) && !existsSync(join(projectDir, "drivers", "installation.sh"))) {
    out.push({ rule: "drivers", severity: "error", file: "drivers/installation.sh", message: "A drivers/ folder needs drivers/installation.sh.", hint: "Add drivers/installation.sh, or remove drivers/." });
  }
  return out;
}
