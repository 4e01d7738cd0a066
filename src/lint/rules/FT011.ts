import { ALL_PROFILES, defineRule } from "../rule.js";
import { checkpointsIn, statements, writesIn } from "../helpers.js";
import { field } from "../python.js";

export default defineRule({
  meta: {
    id: "FT011",
    severity: "warning",
    title: "Writes after the last checkpoint on update()'s path",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "template connector (checkpoint last); docs: best practices",
  },
  check(ctx) {
    const p = ctx.project;
    const f = p.update;
    if (!f || !p.ckpt.has(f)) return;
    const mod = f.mod;
    const stmts = statements(field(f.node, "body"));
    let last = -1;
    stmts.forEach((s, i) => {
      if (checkpointsIn(p, mod, s)) last = i;
    });
    if (last < 0) return;
    const stateName = f.params[1]?.name ?? "state";
    const op = [...mod.op][0] ?? "op";
    for (let i = last + 1; i < stmts.length; i++) {
      const s = stmts[i];
      if (!writesIn(p, mod, s)) continue;
      const endStmt = stmts[stmts.length - 1];
      const indent = /[ \t]*$/.exec(mod.source.slice(0, s.start))![0];
      ctx.report({
        file: mod.file,
        start: s.start,
        end: s.end,
        message: "rows are written after the last checkpoint; they are not covered by saved state (and truncates only apply at a checkpoint). End update() with a checkpoint",
        fix: {
          description: `append ${op}.checkpoint(state=${stateName}) at the end of update()`,
          safe: false,
          edits: [{ start: endStmt.end, end: endStmt.end, newText: `\n${indent}${op}.checkpoint(state=${stateName})` }],
        },
      });
      break;
    }
  },
});
