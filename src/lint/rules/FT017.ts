import { ALL_PROFILES, defineRule } from "../rule.js";
import { checkpointsIn, stateNames, statements, writesIn } from "../helpers.js";
import { field, findAll } from "../python.js";

export default defineRule({
  meta: {
    id: "FT017",
    severity: "warning",
    title: "Cursor checkpointed before its record is written",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "evaluation checklist (cursor updated before processing)",
  },
  check(ctx) {
    const p = ctx.project;
    for (const mod of p.modules)
      for (const f of mod.functions) {
        const names = stateNames(p, f);
        for (const loop of findAll(f.node, (n) => n.type === "for_statement" || n.type === "while_statement")) {
          const body = statements(field(loop, "body"));
          const ci = body.findIndex((s) => checkpointsIn(p, mod, s) && !writesIn(p, mod, s));
          if (ci <= 0) continue;
          const stored = body.slice(0, ci).some((s) => findAll(s, "assignment").some((a) => names.has(mod.t(field(field(a, "left"), "value")))));
          const writesBefore = body.slice(0, ci).some((s) => writesIn(p, mod, s));
          const writesAfter = body.slice(ci + 1).some((s) => writesIn(p, mod, s));
          if (stored && writesAfter && !writesBefore)
            ctx.report({
              file: mod.file,
              start: body[ci].start,
              end: body[ci].end,
              message: "the cursor is checkpointed before the record is written; if the write fails the record is skipped next sync. Write first, then checkpoint",
            });
        }
      }
  },
});
