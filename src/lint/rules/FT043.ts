import { ALL_PROFILES, defineRule } from "../rule.js";
import { logRenames } from "../helpers.js";

const MAP: Record<string, string> = { error: "severe", critical: "severe", debug: "fine" };

export default defineRule({
  meta: {
    id: "FT043",
    severity: "error",
    title: "log.error/debug/critical on an SDK that lacks them",
    fixable: "safe",
    profiles: ALL_PROFILES,
    maxSdk: "2.8.2",
    guideline: "SDK 2.8.2 changelog (DEBUG/ERROR/CRITICAL added)",
  },
  check(ctx) {
    for (const { mod, method, to, attr } of logRenames(ctx.project, MAP)) {
      ctx.report({
        file: mod.file,
        start: attr.start,
        end: attr.end,
        message: `log.${method}() does not exist before SDK 2.8.2 (target ${ctx.targetSdk}); use log.${to}()`,
        fix: { description: `use log.${to}`, edits: [{ start: attr.start, end: attr.end, newText: to }] },
      });
    }
  },
});
