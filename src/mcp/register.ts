import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { CallToolResult, ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import { toToolError, type ToolError } from "../errors.js";
import { patternRedactor } from "../workspace/redact.js";
import type { Workspace } from "../workspace/workspace.js";
import type { AnyToolDefinition, LogLevel, ToolContext } from "./tool.js";

/**
 * Clients cap what they read from a tool result (Claude Code warns past ~25k tokens). A long result
 * is shortened by the tool itself where it knows how (log tails, row caps); this is the last guard,
 * and it never cuts JSON in the middle: the structured copy stays whole and the text copy says so.
 */
export const MAX_TEXT_CHARS = 100_000;

export function errorResult(err: ToolError): CallToolResult {
  const lines = [`Error (${err.code}): ${patternRedactor.redact(err.message)}`];
  if (err.value !== undefined) lines.push(`Value: ${patternRedactor.redact(typeof err.value === "string" ? err.value : JSON.stringify(err.value))}`);
  if (err.hint) lines.push(`Next: ${err.hint}`);
  return { isError: true, content: [{ type: "text", text: lines.join("\n") }] };
}

export function successResult(summary: string, data: unknown): CallToolResult {
  let json = JSON.stringify(data, null, 2);
  if (json.length > MAX_TEXT_CHARS) {
    json = JSON.stringify({
      note: `The full result is ${json.length} characters; it is in structuredContent. Narrow the request (fewer rows, a filter) to see it as text.`,
    });
  }
  const content: CallToolResult["content"] = [{ type: "text", text: json }];
  if (summary) content.push({ type: "text", text: summary });
  return { content, structuredContent: data as Record<string, unknown> };
}

export function registerTool(server: McpServer, def: AnyToolDefinition, workspace: Workspace): void {
  server.registerTool(
    def.name,
    {
      title: def.title,
      description: def.description,
      inputSchema: def.input,
      outputSchema: def.output,
      annotations: { title: def.title, ...def.annotations },
    },
    async (args: Record<string, unknown>, extra: RequestHandlerExtra<ServerRequest, ServerNotification>) => {
      const token = extra._meta?.progressToken;
      const ctx: ToolContext = {
        signal: extra.signal,
        workspace,
        progress(progress, total, message) {
          if (token === undefined) return;
          void extra
            .sendNotification({
              method: "notifications/progress",
              params: { progressToken: token, progress, ...(total !== undefined ? { total } : {}), ...(message ? { message: patternRedactor.redact(message) } : {}) },
            })
            .catch(() => {});
        },
        log(level: LogLevel, message: string) {
          void server.server
            .sendLoggingMessage({ level, logger: def.name, data: patternRedactor.redact(message) }, extra.sessionId)
            .catch(() => {});
        },
      };
      try {
        const { summary, data } = await def.handle(args, ctx);
        return successResult(summary, data);
      } catch (e) {
        // Domain failures become results the model can act on, never protocol errors.
        return errorResult(toToolError(e));
      }
    },
  );
}
