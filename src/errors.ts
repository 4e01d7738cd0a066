/**
 * The one error model of the project. Engines throw ToolError; the MCP glue turns it into a
 * result with `isError: true` and the CLI into a message and exit code. A domain failure is never
 * a JSON-RPC error, because clients show those to the user instead of to the model that can act on them.
 *
 * A sync that fails is not a tool error: it is data (run_debug's status and `error.kind`). Both draw their kinds
 * from this one documented set (docs/architecture.md lists it too); a test checks that every kind is produced
 * somewhere, so a kind nothing reports is removed rather than documented.
 */
/** Where a kind is used: a tool call that failed (ToolError.code), a failed sync (run_debug error.kind), or both. */
type KindUse = "tool" | "sync" | "both";

export const ERROR_KINDS = {
  invalid_argument: { as: "tool", doc: "An argument is malformed or out of range; the message names it." },
  not_found: { as: "tool", doc: "A folder, file, run or resource that the call names does not exist." },
  outside_workspace: { as: "tool", doc: "A path leaves the workspace roots (a project_dir outside them, or a link to outside them)." },
  outside_project: { as: "tool", doc: "A file or folder inside the connector folder is a link (or hard link) leading out of it; it is neither read, written nor deleted." },
  already_exists: { as: "tool", doc: "The call would overwrite something that exists (scaffold into a non-empty folder)." },
  locked: { as: "tool", doc: "Another process holds the warehouse or the run (a sync still running)." },
  python_not_found: { as: "tool", doc: "The Python interpreter to use cannot be run." },
  sdk_not_installed: { as: "tool", doc: "The real fivetran-connector-sdk is not installed for that Python." },
  query_rejected: { as: "tool", doc: "query_warehouse refused the SQL before running it (not one read-only SELECT)." },
  query_failed: { as: "tool", doc: "DuckDB could not run the query (a wrong name, a type error, the time limit)." },
  dependency: { as: "both", doc: "requirements.txt, pyproject.toml or pip failed (an invalid or pre-installed requirement, a package pip cannot install, a pyproject.toml that is not TOML)." },
  deploy: { as: "tool", doc: "The deploy was refused by a pre-deploy check or failed at Fivetran." },
  configuration: { as: "both", doc: "configuration.json (or the configuration argument) is not an object of string values." },
  state: { as: "both", doc: "The state (files/state.json or the state argument) is not a JSON object." },
  schema: { as: "both", doc: "schema() returned something the SDK refuses, or an operation does not fit the declared schema." },
  import: { as: "sync", doc: "connector.py, or a module it imports, could not be imported (often a package missing from requirements.txt)." },
  syntax: { as: "sync", doc: "connector.py has a syntax error." },
  no_connector: { as: "sync", doc: "connector.py defines no module-level `connector = Connector(...)`." },
  connector_exception: { as: "sync", doc: "The connector's code raised an exception." },
  operation: { as: "sync", doc: "An operation the SDK refuses (a null primary key, a file upload that failed)." },
  serialization: { as: "sync", doc: "A row value cannot be serialised (not JSON-compatible, not a datetime, Decimal or bytes)." },
  exit: { as: "sync", doc: "The connector called sys.exit(), exit() or os._exit()." },
  memory: { as: "sync", doc: "The connector ran out of memory or past memory_limit_mb." },
  output_limit: { as: "sync", doc: "The connector printed more than the output limit (100 MB by default)." },
  interrupted: { as: "sync", doc: "The server stopped while the sync was running; the next run continues from the last checkpoint." },
  timeout: { as: "both", doc: "The sync or the call ran past its time limit." },
  cancelled: { as: "both", doc: "The client or the user cancelled." },
  internal: { as: "both", doc: "A bug in fivetran-connector-mcp; report it with the input that caused it." },
} as const satisfies Record<string, { as: KindUse; doc: string }>;

export type ErrorKind = keyof typeof ERROR_KINDS;
type KindsUsedAs<U extends KindUse> = { [K in ErrorKind]: (typeof ERROR_KINDS)[K]["as"] extends U | "both" ? K : never }[ErrorKind];

/** The kinds a tool call fails with (ToolError.code, the `Error (<code>)` line of an isError result). */
export type ErrorCode = KindsUsedAs<"tool">;
/** The kinds a failed sync reports as `error.kind` (the harness, the SDK's output parser and the runner). */
export type SyncErrorKind = KindsUsedAs<"sync">;

function kindsUsedAs<U extends KindUse>(use: U): [KindsUsedAs<U>, ...KindsUsedAs<U>[]] {
  return Object.entries(ERROR_KINDS)
    .filter(([, k]) => k.as === use || k.as === "both")
    .map(([name]) => name) as [KindsUsedAs<U>, ...KindsUsedAs<U>[]];
}
export const ERROR_CODES = kindsUsedAs("tool");
export const SYNC_ERROR_KINDS = kindsUsedAs("sync");

/** A code read back from disk (a run record) or another process; anything unknown is internal. */
export function errorCodeOf(s: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(s) ? (s as ErrorCode) : "internal";
}

export class ToolError extends Error {
  readonly code: ErrorCode;
  /** What the caller should do next, in one sentence. */
  readonly hint?: string;
  /** The value that was wrong, when showing it helps (never a secret). */
  readonly value?: unknown;

  constructor(code: ErrorCode, message: string, hint?: string, value?: unknown) {
    super(message);
    this.name = "ToolError";
    this.code = code;
    this.hint = hint;
    this.value = value;
  }
}

export function isToolError(e: unknown): e is ToolError {
  return e instanceof ToolError;
}

/** Normalises anything thrown into a ToolError, so callers deal with one shape. */
export function toToolError(e: unknown): ToolError {
  if (e instanceof ToolError) return e;
  if (e instanceof Error && e.name === "AbortError") {
    return new ToolError("cancelled", "The operation was cancelled.");
  }
  const message = e instanceof Error ? e.message : String(e);
  return new ToolError("internal", message, "This is a bug in fivetran-connector-mcp; please report it with the input that caused it.");
}
