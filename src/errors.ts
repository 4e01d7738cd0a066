/**
 * The one error model of the project. Engines throw ToolError; the MCP glue turns it into a
 * result with `isError: true` and the CLI into a message and exit code. A domain failure is never
 * a JSON-RPC error, because clients show those to the user instead of to the model that can act on them.
 */
export type ErrorCode =
  | "invalid_argument"
  | "not_found"
  | "outside_workspace"
  | "outside_project"
  | "already_exists"
  | "configuration"
  | "state"
  | "schema"
  | "import"
  | "syntax"
  | "connector_exception"
  | "timeout"
  | "cancelled"
  | "locked"
  | "python_not_found"
  | "sdk_not_installed"
  | "query_rejected"
  | "query_failed"
  | "dependency"
  | "deploy"
  | "internal";

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
