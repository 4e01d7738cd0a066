import { ALL_PROFILES, defineRule } from "../rule.js";
import { field } from "../python.js";

export default defineRule({
  meta: {
    id: "FT009",
    severity: "error",
    title: "op.checkpoint() never called",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    // `fivetran debug` (SDK 3.0.0) runs such a connector to SYNC SUCCEEDED and only warns that op.checkpoint() was
    // never called; the sdk profile keeps to what the SDK accepts, so it is a warning there.
    severityUnder: { sdk: "warning" },
    guideline: "evaluation checklist; template connector; docs: best practices",
  },
  check(ctx) {
    const f = ctx.project.update;
    if (!f || ctx.project.ckpt.has(f)) return;
    const n = field(f.node, "name")!;
    const body = field(f.node, "body")!;
    const op = [...f.mod.op][0];
    const stateName = f.params[1]?.name;
    const indent = /\n([ \t]+)\S[^\n]*$/.exec(f.mod.source.slice(f.node.start, body.end))?.[1] ?? "    ";
    ctx.report({
      file: f.mod.file,
      start: n.start,
      end: n.end,
      message: "op.checkpoint() is never called on update()'s path; Fivetran commits written data at checkpoints, so add at least a final one",
      fix:
        op && stateName
          ? {
              description: `append ${op}.checkpoint(${stateName}) at the end of update() (review what the state should hold)`,
              safe: false,
              edits: [{ start: body.end, end: body.end, newText: `\n${indent}${op}.checkpoint(state=${stateName})` }],
            }
          : undefined,
    });
  },
});
