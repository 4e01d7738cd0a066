import * as pep440 from "@renovatebot/pep440";
import { ALL_PROFILES, defineRule } from "../rule.js";
import { opCalls } from "../helpers.js";
import { OP_METHODS } from "../model.js";
import { field } from "../python.js";

const SINCE: Record<string, string> = { truncate: "2.1.0", error: "2.12.0", warning: "2.12.0" };

export default defineRule({
  meta: {
    id: "FT024",
    severity: "error",
    title: "Operations method that does not exist, or needs a newer SDK",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "SDK source (Operations methods per version)",
  },
  check(ctx) {
    for (const { mod, call, method } of opCalls(ctx.project)) {
      const attr = field(field(call, "function"), "attribute")!;
      if (!OP_METHODS.has(method)) {
        const insert = method === "insert" || method === "add";
        ctx.report({
          file: mod.file,
          start: attr.start,
          end: attr.end,
          message: `Operations has no method '${method}'; it raises AttributeError mid-sync. Use upsert, update, delete, truncate or checkpoint`,
          fix: insert ? { description: "use upsert", safe: false, edits: [{ start: attr.start, end: attr.end, newText: "upsert" }] } : undefined,
        });
      } else if (SINCE[method] && pep440.lt(ctx.targetSdk, SINCE[method])) {
        ctx.report({ file: mod.file, start: attr.start, end: attr.end, severity: "info", message: `op.${method}() requires SDK ${SINCE[method]} or newer; the target is ${ctx.targetSdk}` });
      }
    }
  },
});
