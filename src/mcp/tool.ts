import type { z } from "zod";
import type { Workspace } from "../workspace/workspace.js";

/**
 * What a tool handler sees. No MCP SDK type leaks in here: handlers stay testable without a
 * server, and the SDK can change under src/mcp/ alone.
 */
export interface ToolContext {
  /** Aborted when the client cancels the request or the server shuts down. */
  signal: AbortSignal;
  /** Reports progress; a no-op when the client sent no progress token. */
  progress(progress: number, total?: number, message?: string): void;
  /** Sends a logging notification (filtered by the client's logging/setLevel). */
  log(level: LogLevel, message: string): void;
  workspace: Workspace;
  /**
   * Asks the user a yes/no question through the client (MCP elicitation). Absent when the client
   * does not support it; the tool then falls back to an explicit `confirm: true` argument.
   */
  confirm?(message: string): Promise<boolean>;
}

export type LogLevel = "debug" | "info" | "notice" | "warning" | "error" | "critical";

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolResult<T> {
  /** Human text, shown after the JSON in the text content. */
  summary: string;
  /** The structured result; must match the output schema. */
  data: T;
}

export interface ToolDefinition<I extends z.ZodRawShape = z.ZodRawShape, O extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  /** Written for the model: when to call it, what it returns, what to do next. */
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /**
   * Only these output fields are listed in the advertised schema (the rest pass through): for tools whose result
   * repeats another tool's fields, which that tool's schema documents.
   */
  advertisedFields?: readonly string[];
  handle(args: z.infer<z.ZodObject<I>>, ctx: ToolContext): Promise<ToolResult<z.infer<z.ZodObject<O>>>>;
}

/** A tool is one literal; this only pins its types. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(def: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return def;
}

/** Any tool, as the registry holds them (handle is a method, so its argument type is checked bivariantly). */
export type AnyToolDefinition = ToolDefinition<z.ZodRawShape, z.ZodRawShape>;
