import { ALL_PROFILES, defineRule } from "../rule.js";
import { named, walkScope } from "../python.js";

export default defineRule({
  meta: { id: "FT007", severity: "error", title: "update() returns a value", fixable: "none", profiles: ALL_PROFILES, guideline: "evaluation checklist (update returns nothing)" },
  check(ctx) {
    const f = ctx.project.update;
    if (!f) return;
    walkScope(f.node, (n) => {
      if (n.type !== "return_statement") return;
      const v = named(n)[0];
      if (v && v.type !== "none")
        ctx.report({
          file: f.mod.file,
          start: n.start,
          end: n.end,
          message: "update() returns a value; the SDK ignores it. Write rows with op.upsert() and save progress with op.checkpoint() instead",
        });
    });
  },
});
