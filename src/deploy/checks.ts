import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../findings.js";

/** One pre-deploy finding, in the shared finding shape. `error` blocks the deploy. */
export type DeployCheck = Finding;

/** The connection (destination schema) name rule `fivetran deploy` enforces. */
export const CONNECTION_NAME = /^[_a-z][_a-z0-9]*$/;
export const PYTHON_VERSIONS = ["3.10", "3.11", "3.12", "3.13", "3.14"] as const;

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

/**
 * What deploy needs beyond the lint rules (src/deploy/lint-checks.ts checks connector.py, configuration.json and
 * requirements.txt): a configuration.json for a new connection, and drivers/installation.sh when drivers/ exists.
 */
export function fileChecks(projectDir: string): DeployCheck[] {
  const out: DeployCheck[] = [];
  if (!existsSync(join(projectDir, "configuration.json"))) {
    out.push({ rule: "configuration", severity: "warning", file: "configuration.json", message: "There is no configuration.json; a new connection needs one.", hint: "Create configuration.json (use {} when the connector needs no settings)." });
  }
  if (existsSync(join(projectDir, "drivers")) && !existsSync(join(projectDir, "drivers", "installation.sh"))) {
    out.push({ rule: "drivers", severity: "error", file: "drivers/installation.sh", message: "A drivers/ folder needs drivers/installation.sh.", hint: "Add drivers/installation.sh, or remove drivers/." });
  }
  return out;
}
