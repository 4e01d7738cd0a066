import { ALL_PROFILES, defineRule } from "../rule.js";
import { field } from "../python.js";

export default defineRule({
  meta: {
    id: "FT008",
    severity: "error",
    title: "No write operation anywhere",
    fixable: "none",
    profiles: ALL_PROFILES,
    // SDK 3.0.0 syncs such a connector to SYNC SUCCEEDED without a word: under the sdk profile it is a warning.
    severityUnder: { sdk: "warning" },
    guideline: "evaluation checklist (at least one op.upsert/update/delete/truncate)",
  },
  check(ctx) {
    const f = ctx.project.update;
    if (!f || ctx.project.writes.has(f)) return;
    const n = field(f.node, "name")!;
    ctx.report({
      file: f.mod.file,
      start: n.start,
      end: n.end,
      message: "no op.upsert/update/delete/truncate is reachable from update(); the sync would deliver no data",
    });
  },
});
