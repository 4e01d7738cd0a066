import { ALL_PROFILES, defineRule } from "../rule.js";
import { logCalls, statements } from "../helpers.js";
import { named } from "../python.js";

export default defineRule({
  meta: {
    id: "FT045",
    severity: "info",
    title: "Logging inside per-record loops",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "Fivetran coding principles (no logs in loops); SDK reference (log at milestones)",
  },
  check(ctx) {
    for (const { mod, call, method } of logCalls(ctx.project)) {
      if (method !== "info" && method !== "warning") continue;
      const stmt = call.parent;
      const block = stmt?.parent;
      if (stmt?.type !== "expression_statement" || block?.type !== "block" || block.parent?.type !== "for_statement") continue;
      const writes = statements(block).some((s) => {
        const c = named(s)[0];
        return c?.type === "call" && ["upsert", "update", "delete"].includes(mod.opMethod(c) ?? "");
      });
      if (writes) ctx.report({ file: mod.file, start: call.start, end: call.end, message: `log.${method}() runs once per record; production rate-limits info logs. Log per page or every N records` });
    }
  },
});
