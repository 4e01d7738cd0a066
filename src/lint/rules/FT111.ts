import { ALL_PROFILES, defineRule } from "../rule.js";
import { isHttpCall } from "../helpers.js";
import { ancestors } from "../python.js";

export default defineRule({
  meta: { id: "FT111", severity: "warning", title: "Network or DB I/O at module import time", fixable: "none", profiles: ALL_PROFILES, guideline: "Fivetran SDK reference (work happens in update)" },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const call of mod.calls) {
        const inDefault = ancestors(call).some((a) => a.type === "parameters");
        if (!mod.atImportTime(call) && !inDefault) continue;
        const path = mod.calleePath(call);
        if (!isHttpCall(mod, call) && !/(^|\.)(connect|urlretrieve|download_file|list_objects(_v2)?|list_buckets)$/.test(path)) continue;
        ctx.report({
          file: mod.file,
          start: call.start,
          end: call.end,
          message: `${path}() runs at import time (also during deploy), outside update()'s error handling; move it into update() or a function it calls`,
        });
      }
  },
});
