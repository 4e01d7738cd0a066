import { ALL_PROFILES, defineRule } from "../rule.js";
import { logRenames } from "../helpers.js";

const MAP: Record<string, string> = { fine: "debug", severe: "error" };

export default defineRule({
  meta: {
    id: "FT044",
    severity: "info",
    title: "log.fine/log.severe are deprecated",
    fixable: "safe",
    profiles: ALL_PROFILES,
    minSdk: "2.8.2",
    guideline: "SDK 2.8.2 changelog; docs: connector SDK logs",
  },
  check(ctx) {
    for (const { mod, method, to, attr } of logRenames(ctx.project, MAP)) {
      // The seed guidelines still ask for severe: under that profile the rename is offered, not applied.
      ctx.report({
        file: mod.file,
        start: attr.start,
        end: attr.end,
        message: `log.${method}() is deprecated since SDK 2.8.2; use log.${to}()`,
        fix: { description: `use log.${to}`, safe: ctx.profile !== "guidelines", edits: [{ start: attr.start, end: attr.end, newText: to }] },
      });
    }
  },
});
