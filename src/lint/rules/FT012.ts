import { ALL_PROFILES, defineRule } from "../rule.js";
import { statements } from "../helpers.js";
import { field, named } from "../python.js";

export default defineRule({
  meta: {
    id: "FT012",
    severity: "info",
    title: "Checkpoint after every single record",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "Fivetran SDK reference (checkpoint periodically); PR review rules",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      for (const call of mod.calls) {
        if (mod.opMethod(call) !== "checkpoint" || call.parent?.type !== "expression_statement") continue;
        const block = call.parent.parent;
        const loop = block?.parent;
        if (block?.type !== "block" || loop?.type !== "for_statement") continue;
        const target = mod.t(field(loop, "left"));
        const upsertsRecord = statements(block).some((s) => {
          const c = named(s)[0];
          if (c?.type !== "call" || mod.opMethod(c) !== "upsert") return false;
          const data = mod.arg(c, 1, "data");
          return !!data && (mod.t(data) === target || mod.t(data).includes(target));
        });
        if (upsertsRecord)
          ctx.report({ file: mod.file, start: call.start, end: call.end, message: "checkpointing after every record multiplies state writes; checkpoint per page or every N records" });
      }
    }
  },
});
