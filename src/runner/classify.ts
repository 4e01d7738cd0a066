import type { ErrorKind } from "../protocol.js";

/** Import names whose pip package has another name; the common ones connectors use. */
const PIP_NAMES: Record<string, string> = {
  yaml: "PyYAML",
  dateutil: "python-dateutil",
  bs4: "beautifulsoup4",
  PIL: "Pillow",
  jwt: "PyJWT",
  dotenv: "python-dotenv",
  google: "google-cloud-<service> (the package that provides this import)",
  sklearn: "scikit-learn",
  cv2: "opencv-python",
  psycopg2: "psycopg2-binary",
  MySQLdb: "mysqlclient",
  snowflake: "snowflake-connector-python",
  Crypto: "pycryptodome",
  OpenSSL: "pyOpenSSL",
  attr: "attrs",
  magic: "python-magic",
  docx: "python-docx",
  ldap: "python-ldap",
};

/** Modules Fivetran's runtime pre-installs (besides the SDK, which every engine provides). */
const RUNTIME_MODULES = new Set(["requests"]);

/** The package a missing top-level module most likely comes from. */
export function pipNameFor(module: string): string {
  const top = module.split(".")[0];
  return PIP_NAMES[top] ?? top.replace(/_/g, "-");
}

/** What to do next, per failure kind: one sentence the agent can act on. */
/** What the harness learnt about a failure, for a hint that names the cause. */
export interface FailureDetail {
  module?: string;
  python?: string;
  timeoutSeconds?: number;
  memoryLimitMb?: number;
  outputLimitMb?: number;
  /** The configuration came as the tool's argument, not from configuration.json. */
  configurationInline?: boolean;
  exceptionType?: string;
  http?: { status: number; method?: string; url?: string; body?: string };
  missingKey?: string;
  recordKeys?: string[];
  placeholderKeys?: string[];
  inState?: boolean;
  /** The primary-key column a row came without (the SDK's "Null primary key" refusal). */
  nullKey?: string;
}

/** The column the SDK's "Null primary key found ..." refusal names, if the message is one. */
export function nullKeyOf(message: string | undefined): string | undefined {
  return /Null primary key found while syncing table \S+\. Primary Key (\S+) is null in object/.exec(message ?? "")?.[1];
}

/** Source field names as the warehouse shows them: camelCase and spaces become snake_case. */
function snakeOf(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .toLowerCase();
}

function httpHint(http: NonNullable<FailureDetail["http"]>): string {
  const req = `${http.method ?? "the request"}${http.url ? ` ${http.url}` : ""}`;
  const said = http.body ? ` The response began: ${JSON.stringify(http.body.slice(0, 200))}.` : "";
  const s = http.status;
  if (s === 401 || s === 403) {
    return `The source answered HTTP ${s} to ${req}: the credential is missing, wrong or lacks permission.${said} Check the credential values in the configuration and how connector.py sends them (header name, scheme such as Bearer/Basic, query parameter); read get_guidelines topic authentication. Retrying will not help.`;
  }
  if (s === 429) return `The source answered HTTP 429 (rate limited) to ${req}.${said} Retry with exponential back-off honouring Retry-After; read get_guidelines topic errors-and-retries.`;
  if (s === 404)
    return `The source answered HTTP 404 to ${req}: the path or an id in it does not exist.${said} Check the base URL and the endpoint path in the configuration and connector.py against the API's documentation.`;
  if (s >= 400 && s < 500) {
    let params = "";
    try {
      if (http.url) params = [...new URL(http.url).searchParams.keys()].join(", ");
    } catch {
      // Not an absolute URL: no parameters to name.
    }
    return `The source refused ${req} with HTTP ${s}: a parameter or a credential is not what it accepts${params ? ` (query parameters sent: ${params})` : ""}.${said} Fix the parameter the response names (page size, cursor, date format...) in connector.py or the configuration; retrying does not fix a 4xx.`;
  }
  if (s >= 500)
    return `The source failed with HTTP ${s} on ${req}.${said} Retry 5xx responses with exponential back-off (get_guidelines topic errors-and-retries), and if it persists check the request's parameters.`;
  return `The source answered HTTP ${s} to ${req}.${said}`;
}

export function hintFor(kind: ErrorKind, opts: FailureDetail = {}): string | undefined {
  switch (kind) {
    case "import": {
      if (opts.module) {
        const top = opts.module.split(".")[0];
        // lint, deploy and install_requirements refuse requests in requirements.txt: this hint must never ask for it there.
        if (RUNTIME_MODULES.has(top)) {
          return `${top} is pre-installed in Fivetran's runtime: do not add it to requirements.txt (lint FT061, deploy and install_requirements refuse it). Install it into the local Python instead: call install_requirements (its .venv includes ${pipNameFor(top)}, and run_debug uses .venv), or run ${opts.python ?? "python3"} -m pip install ${pipNameFor(top)}; then run again.`;
        }
        const pkg = pipNameFor(opts.module);
        return `Add ${pkg} to requirements.txt (pinned with ==, so Fivetran installs it too), then call install_requirements to install it into the folder's .venv, which run_debug uses; then run again.`;
      }
      return "Fix the import in connector.py; third-party packages belong in requirements.txt (then call install_requirements so the local run has them).";
    }
    case "syntax":
      return "Fix the syntax error at the file and line shown (lint_connector finds these without running), then run again.";
    case "no_connector":
      return 'Add `connector = Connector(update=update, schema=schema)` at module level in connector.py (not under `if __name__ == "__main__":`).';
    case "configuration": {
      const where = opts.configurationInline ? "the configuration argument (it replaces configuration.json for this run)" : "configuration.json";
      if (opts.placeholderKeys?.length) {
        return `${where} still holds placeholder values for ${opts.placeholderKeys.join(", ")}: put the real values there (the sync failed with ${opts.exceptionType ?? "an exception"} while they were placeholders), then run again.`;
      }
      return opts.configurationInline
        ? "The configuration argument must be one JSON object whose values are all strings; quote numbers and booleans, flatten nested objects."
        : "configuration.json must be one JSON object whose values are all strings; quote numbers and booleans, flatten nested objects.";
    }
    case "state":
      return "The state must be a JSON object; fix files/state.json or pass state, or run with reset: true to start clean.";
    case "schema":
      return 'Fix schema(): it must return a list of {"table": str, "primary_key": [str], "columns": {name: TYPE}} with known type names.';
    case "serialization":
      if (opts.inState) {
        return "The state passed to op.checkpoint() must be a dict of JSON values (str, int, float, bool, None, dict, list): store datetimes as ISO strings (.isoformat()) and Decimals or sets converted, then run again.";
      }
      return "Pass only JSON-compatible values (str, int, float, bool, None, dict, list) or datetime/date/Decimal/bytes at the top level of a row; convert other objects with str() or .isoformat().";
    case "connector_exception": {
      if (opts.http) return `${httpHint(opts.http)} Rows after the last checkpoint were rolled back.`;
      if (opts.missingKey !== undefined) {
        const keys = opts.recordKeys;
        const snake = keys?.find((k) => k !== opts.missingKey && snakeOf(k) === snakeOf(opts.missingKey!));
        return (
          `KeyError: the dict has no key ${JSON.stringify(opts.missingKey)}` +
          (keys ? ` (its keys: ${keys.join(", ")})` : "") +
          "." +
          (snake ? ` The source calls it ${JSON.stringify(snake)}.` : "") +
          " Column names in the warehouse are snake_case forms of the source's field names, so a name seen with query_warehouse may be spelled differently in the records; read the source's field, or use .get() for a field that is sometimes absent."
        );
      }
      return `Read the traceback${opts.exceptionType ? ` (${opts.exceptionType})` : ""}: fix the code at the file and line shown, or catch the error. Rows after the last checkpoint were rolled back.`;
    }
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
      if (opts.nullKey)
        return (
          `A row came without a value for '${opts.nullKey}', which schema() declares as (part of) the table's primary key` +
          (opts.recordKeys ? ` (its fields: ${opts.recordKeys.join(", ")})` : "") +
          ". Declare as the primary key in schema() a field every record of the source carries (its name as the source spells it), or set that field before the upsert; if the table already exists under another key, run with reset=true."
        );
      return "An operation could not be applied to the warehouse; check the table, the primary key values and the types it sends.";
    default:
      return undefined;
  }
}
