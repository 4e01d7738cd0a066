import type { ErrorKind } from "../protocol.js";

/** Import names whose pip package has another name; the common ones connectors use. */
const PIP_NAMES: Record<string, string> = {
  yaml: "PyYAML", dateutil: "python-dateutil", bs4: "beautifulsoup4", PIL: "Pillow", jwt: "PyJWT", dotenv: "python-dotenv",
  google: "google-cloud-<service> (the package that provides this import)", sklearn: "scikit-learn", cv2: "opencv-python",
  psycopg2: "psycopg2-binary", MySQLdb: "mysqlclient", snowflake: "snowflake-connector-python", Crypto: "pycryptodome",
  OpenSSL: "pyOpenSSL", attr: "attrs", magic: "python-magic", docx: "python-docx", ldap: "python-ldap",
};

/** The package a missing top-level module most likely comes from. */
export function pipNameFor(module: string): string {
  const top = module.split(".")[0];
  return PIP_NAMES[top] ?? top.replace(/_/g, "-");
}

/** What to do next, per failure kind: one sentence the agent can act on. */
export function hintFor(kind: ErrorKind, opts: { module?: string; python?: string; timeoutSeconds?: number; memoryLimitMb?: number; outputLimitMb?: number } = {}): string | undefined {
  switch (kind) {
    case "import": {
      if (opts.module) {
        const pkg = pipNameFor(opts.module);
        return `Add ${pkg} to requirements.txt (it belongs there so Fivetran installs it too) and install it into the Python that runs the connector (${opts.python ?? "python3"} -m pip install -r requirements.txt), then run again.`;
      }
      return "Fix the import in connector.py; third-party packages belong in requirements.txt and must be installed in the Python that runs the connector.";
    }
    case "syntax":
      return "Fix the syntax error at the file and line shown (lint_connector finds these without running), then run again.";
    case "no_connector":
      return "Add `connector = Connector(update=update, schema=schema)` at module level in connector.py (not under `if __name__ == \"__main__\":`).";
    case "configuration":
      return "configuration.json must be one JSON object whose values are all strings; quote numbers and booleans, flatten nested objects.";
    case "state":
      return "The state must be a JSON object; fix files/state.json or pass state, or run with reset: true to start clean.";
    case "schema":
      return "Fix schema(): it must return a list of {\"table\": str, \"primary_key\": [str], \"columns\": {name: TYPE}} with known type names.";
    case "serialization":
      return "Pass only JSON-compatible values (str, int, float, bool, None, dict, list) or datetime/date/Decimal/bytes at the top level of a row; convert other objects with str() or .isoformat().";
    case "connector_exception":
      return "Read the traceback: fix the code at the file and line shown, or catch the error. Rows after the last checkpoint were rolled back.";
    case "exit":
      return "Do not call sys.exit()/exit()/os._exit() in a connector; raise an exception to fail the sync instead.";
    case "timeout":
      return `The sync ran longer than ${opts.timeoutSeconds ?? "the"} seconds (an endless loop or a hanging request?). Fix the loop or raise timeout_seconds; what earlier checkpoints committed is kept.`;
    case "cancelled":
      return "The sync was cancelled; what earlier checkpoints committed is kept. Run again to continue from the saved state.";
    case "memory":
      return `The connector ran out of memory${opts.memoryLimitMb ? ` (memory limit ${opts.memoryLimitMb} MB)` : ""}: Fivetran runs connectors with a 1 GB memory limit in production, so stream pages and checkpoint instead of holding all rows at once. What earlier checkpoints committed is kept.`;
    case "output_limit":
      return `Print less: log rows or API responses only in part (log.fine for details) and never in an endless loop. If this much output is intended, raise the output limit (RunOptions.outputLimitMb, CLI --output-limit)${opts.outputLimitMb ? ` (now ${opts.outputLimitMb})` : ""}. What earlier checkpoints committed is kept.`;
    case "operation":
      return "An operation could not be applied to the warehouse; check the table, the primary key values and the types it sends.";
    default:
      return undefined;
  }
}
