import { ALL_PROFILES, defineRule } from "../rule.js";
import { logCalls } from "../helpers.js";
import { field } from "../python.js";

export const LOG_METHODS = new Set(["debug", "info", "warning", "error", "critical", "fine", "severe"]);

export default defineRule({
  meta: { id: "FT042", severity: "error", title: "Logging method that does not exist", fixable: "safe", profiles: ALL_PROFILES, guideline: "docs: connector SDK logs (Logging levels)" },
  check(ctx) {
    const modern = ctx.sdkAtLeast("2.8.2");
    const map: Record<string, string> = {
      warn: "warning",
      exception: modern ? "error" : "severe",
      err: modern ? "error" : "severe",
      fatal: modern ? "critical" : "severe",
      trace: modern ? "debug" : "fine",
      log: "info",
      notice: "info",
      warnings: "warning",
      information: "info",
    };
    for (const { mod, call, method } of logCalls(ctx.project)) {
      if (LOG_METHODS.has(method) || ["Level", "LOG_LEVEL"].includes(method)) continue;
      const attr = field(field(call, "function"), "attribute")!;
      const to = map[method];
      ctx.report({
        file: mod.file,
        start: attr.start,
        end: attr.end,
        message: `Logging has no method '${method}'; it raises AttributeError${to ? `. Use log.${to}()` : ""}`,
        fix: to && method !== "log" ? { description: `use log.${to}`, edits: [{ start: attr.start, end: attr.end, newText: to }] } : undefined,
      });
    }
  },
});
