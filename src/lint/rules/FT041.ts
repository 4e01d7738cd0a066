import { ALL_PROFILES, defineRule } from "../rule.js";
import { field } from "../python.js";

const LOGGERS = new Set(["logging", "loguru", "structlog"]);

export default defineRule({
  meta: {
    id: "FT041",
    severity: "warning",
    title: "Python logging or a third-party logger",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "docs: logs not showing up (only the SDK's Logging is supported)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      for (const imp of mod.imports) {
        const top = (imp.isFrom ? imp.module : (imp.names[0]?.name ?? "")).split(".")[0];
        if (LOGGERS.has(top))
          ctx.report({
            file: mod.file,
            start: imp.node.start,
            end: imp.node.end,
            message: `${top} output does not reach the Fivetran dashboard; use the SDK's Logging (log.info, log.warning, log.error)`,
          });
      }
      for (const call of mod.calls) {
        const path = mod.calleePath(call);
        if (/^logging\.(getLogger|basicConfig)$/.test(path) && call.parent?.type === "assignment" && mod.t(field(call.parent, "left")) === "log") {
          ctx.report({
            file: mod.file,
            start: call.parent.start,
            end: call.parent.end,
            message: "'log' is rebound to a Python logger, shadowing the SDK's Logging; its messages never reach Fivetran",
          });
        }
      }
    }
  },
});
