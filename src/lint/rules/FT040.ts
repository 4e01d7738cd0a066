import { ALL_PROFILES, defineRule } from "../rule.js";
import { insertLine } from "../helpers.js";
import { field } from "../python.js";
import { boundNames } from "./FT002.js";

export default defineRule({
  meta: {
    id: "FT040",
    severity: "warning",
    title: "print() instead of SDK Logging",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "docs: logs not showing up (SDK Logging only); PR review rules",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      const logAlias = [...mod.log][0];
      // `log` bound to something else (logging.getLogger) makes the rewrite unsafe.
      const logFree = !logAlias && !boundNames(mod).has("log");
      let importOffered = false;
      for (const call of mod.calls) {
        const fn = field(call, "function");
        if (fn?.type !== "identifier" || mod.t(fn) !== "print" || mod.inMain(call)) continue;
        const a = mod.args(call);
        let fix;
        if (a.positional.length === 1 && a.keywords.size === 0 && !a.hasSplat && (logAlias || (logFree && !importOffered))) {
          const text = mod.str(a.positional[0]) ?? mod.t(a.positional[0]);
          const level = /^[\s"'f]*(warn|error)/i.test(text) ? "warning" : "info";
          const edits = [{ start: fn.start, end: fn.end, newText: `${logAlias ?? "log"}.${level}` }];
          if (!logAlias) {
            edits.push(insertLine(mod, "from fivetran_connector_sdk import Logging as log"));
            importOffered = true;
          }
          fix = { description: `use log.${level}()`, edits };
        }
        ctx.report({ file: mod.file, start: call.start, end: call.end, message: "print() output does not reach the Fivetran dashboard; use log.info() from the SDK's Logging", fix });
      }
    }
  },
});
