import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { CallToolResult, ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { ToolError, toToolError } from "../errors.js";
import { shutdownSignal } from "../lifecycle.js";
import { knownSecretsRedactor, patternRedactor } from "../workspace/redact.js";
import { defuseFenceMarkers, oneLine, stripControls, stripControlsKeepingDefuse } from "../workspace/hygiene.js";
import type { Workspace } from "../workspace/workspace.js";
import { advertisedOutput } from "./compact-schema.js";
import { formatJson, shrinkJson, type Cut } from "./shrink.js";
import type { AnyToolDefinition, LogLevel, ToolContext } from "./tool.js";

/**
 * The most text one result carries. Claude Code saves text results over 50,000 characters to a file
 * and hands the model the path, warns past ~10k tokens and cuts at 25k; Claude Desktop refuses 1 MB.
 * A tool shortens its own output where it knows how (log tails, row caps); this is the last guard.
 * It shortens the data itself (arrays lose their tail items, long strings their end), so the
 * structured copy and the text copy stay identical, valid JSON, and a note says what was cut.
 */
export const MAX_RESULT_CHARS = 48_000;
/** @deprecated the old name of MAX_RESULT_CHARS. */
export const MAX_TEXT_CHARS = MAX_RESULT_CHARS;
const MAX_SUMMARY_CHARS = 4_000;
const MAX_ERROR_CHARS = 8_000;
/** Where the list of cuts goes in the result's _meta, for clients and tests that read it. */
export const TRUNCATED_META_KEY = "fivetran-connector-mcp/truncated";

export function errorResult(err: ToolError): CallToolResult {
  // Security: no escape sequence or invisible character of an error's text (it may quote the folder) reaches the client.
  const lines = [`Error (${err.code}): ${stripControlsKeepingDefuse(patternRedactor.redact(err.message))}`];
  if (err.value !== undefined) lines.push(`Value: ${stripControls(patternRedactor.redact(typeof err.value === "string" ? err.value : (JSON.stringify(err.value) ?? `(${typeof err.value})`)))}`);
  if (err.hint) lines.push(`Next: ${stripControls(err.hint)}`);
  return { isError: true, content: [{ type: "text", text: capText(lines.join("\n"), MAX_ERROR_CHARS) }] };
}

export interface SuccessOptions {
  /** Text budget for this result; defaults to MAX_RESULT_CHARS. */
  maxChars?: number;
  /** Re-checks shortened data against the output schema; a shortened result that fails it becomes an error. */
  validate?: (data: unknown) => boolean;
}

export function successResult(summary: string, data: unknown, opts: SuccessOptions = {}): CallToolResult {
  const max = opts.maxChars ?? MAX_RESULT_CHARS;
  // Security: the summary is prose for the model and the person; escapes and invisible characters never reach either.
  const text = capText(stripControlsKeepingDefuse(summary), MAX_SUMMARY_CHARS);
  let json = formatJson(data);
  let structured = data;
  let cuts: Cut[] = [];
  const budget = max - text.length;
  if (json.length > budget) {
    const fullLength = json.length;
    const shrunk = shrinkJson(data, budget - 600);
    json = formatJson(shrunk.value);
    if (json.length > budget || !shrunk.value || (opts.validate && !opts.validate(shrunk.value))) {
      return errorResult(
        new ToolError(
          "invalid_argument",
          `The result is ${fullLength} characters, more than the ${max} a client can take, and could not be shortened without breaking its shape.`,
          "Narrow the request (a filter, a smaller limit, fewer lines) and call again.",
        ),
      );
    }
    structured = shrunk.value;
    cuts = shrunk.cuts;
  }
  const content: CallToolResult["content"] = [{ type: "text", text: json }];
  if (text) content.push({ type: "text", text });
  const result: CallToolResult = { content, structuredContent: structured as Record<string, unknown> };
  if (cuts.length > 0) {
    content.push({ type: "text", text: truncationNote(cuts, max) });
    result._meta = { [TRUNCATED_META_KEY]: cuts };
  }
  return result;
}

function truncationNote(cuts: Cut[], max: number): string {
  const parts = cuts.slice(0, 8).map((c) => `${c.path || "(result)"}: kept ${c.kept} of ${c.total} ${c.kind === "items" ? "items" : c.kind === "keys" ? "keys" : "characters"}`);
  if (cuts.length > 8) parts.push(`and ${cuts.length - 8} more`);
  return `Note: this result was shortened to fit client limits (${max} characters): ${parts.join("; ")}. Narrow the request (filter, limit, offset) to see the rest.`;
}

/** Cuts plain text at a line end where there is one near the limit, and says so. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf("\n", max - 80);
  if (cut < max / 2) cut = max - 80;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? "")) cut--;
  return `${text.slice(0, cut)}\n… [${text.length - cut} more characters cut]`;
}

/**
 * Log and progress text (connector output among it): masked, no escapes, no marker that could pass for a fence, and
 * one line: a notification is not fenced, so a line break in it must not start a line of its own ("SYSTEM: ...").
 */
function notificationText(message: string): string {
  return defuseFenceMarkers(oneLine(patternRedactor.redact(message)));
}

export function registerTool(server: McpServer, def: AnyToolDefinition, workspace: Workspace): void {
  const outputSchema = z.object(def.output);
  server.registerTool(
    def.name,
    {
      title: def.title,
      description: def.description,
      inputSchema: def.input,
      outputSchema: advertisedOutput(def.output, def.advertisedFields),
      annotations: { title: def.title, ...def.annotations },
    },
    async (args: Record<string, unknown>, extra: RequestHandlerExtra<ServerRequest, ServerNotification>) => {
      const token = extra._meta?.progressToken;
      const { signal, dispose } = eitherSignal(extra.signal, shutdownSignal());
      const ctx: ToolContext = {
        signal,
        workspace,
        progress(progress, total, message) {
          if (token === undefined) return;
          void extra
            .sendNotification({
              method: "notifications/progress",
              params: { progressToken: token, progress, ...(total !== undefined ? { total } : {}), ...(message ? { message: notificationText(message) } : {}) },
            })
            .catch(() => {});
        },
        log(level: LogLevel, message: string) {
          void server.server.sendLoggingMessage({ level, logger: def.name, data: notificationText(message) }, extra.sessionId).catch(() => {});
        },
      };
      // Elicitation is optional: offered to handlers only when the client advertised it.
      if (server.server.getClientCapabilities()?.elicitation) ctx.confirm = (message) => elicitConfirm(server, message, extra.signal);
      try {
        const { summary, data } = await def.handle(args, ctx);
        // The schema clients receive forbids keys it does not list (additionalProperties: false), and
        // the SDK client rejects a result carrying one as a protocol error. The parsed form is exactly
        // what the schema promises: unknown keys dropped, defaults filled.
        const parsed = outputSchema.safeParse(data);
        if (!parsed.success) {
          const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(result)"}: ${i.message}`);
          return errorResult(
            new ToolError(
              "internal",
              `${def.name} produced a result that does not match its output schema (${issues.join("; ")}).`,
              "This is a bug in fivetran-connector-mcp; please report it with the input that caused it.",
            ),
          );
        }
        // Security: the last guard on every result: no secret the server knows (its environment's, a run's
        // configuration override) leaves in any field, whatever the tool forgot.
        return successResult(knownSecretsRedactor.redact(summary), knownSecretsRedactor.redactValue(parsed.data), { validate: (d) => outputSchema.safeParse(d).success });
      } catch (e) {
        // Domain failures become results the model can act on, never protocol errors.
        return errorResult(toToolError(e));
      } finally {
        dispose();
      }
    },
  );
}

/** Aborts when either signal does (AbortSignal.any arrived in Node 20.3; engines say >= 20). */
function eitherSignal(a: AbortSignal, b: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  if (a.aborted) return { signal: a, dispose() {} };
  if (b.aborted) return { signal: b, dispose() {} };
  const ctl = new AbortController();
  const onA = () => ctl.abort(a.reason);
  const onB = () => ctl.abort(b.reason);
  a.addEventListener("abort", onA, { once: true });
  b.addEventListener("abort", onB, { once: true });
  return {
    signal: ctl.signal,
    dispose() {
      a.removeEventListener("abort", onA);
      b.removeEventListener("abort", onB);
    },
  };
}

/** A yes/no question through MCP elicitation; anything but an accepted "yes" counts as no. */
async function elicitConfirm(server: McpServer, message: string, signal: AbortSignal): Promise<boolean> {
  const res = await server.server.elicitInput(
    {
      message: patternRedactor.redact(message),
      requestedSchema: {
        type: "object",
        properties: { confirm: { type: "boolean", title: "Proceed?", description: "Yes to go ahead." } },
        required: ["confirm"],
      },
    },
    { signal },
  );
  return res.action === "accept" && res.content?.confirm === true;
}
