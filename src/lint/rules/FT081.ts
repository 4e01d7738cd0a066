import { ALL_PROFILES, defineRule } from "../rule.js";
import { statements } from "../helpers.js";
import { field, findAll } from "../python.js";

export default defineRule({
  meta: { id: "FT081", severity: "warning", title: "Pagination end-of-data handled wrongly", fixable: "none", profiles: ALL_PROFILES, guideline: "PR review rules (exit conditions, empty pages)" },
  check(ctx) {
    for (const mod of ctx.project.modules) for (const loop of findAll(mod.root, (n) => n.type === "while_statement" || n.type === "for_statement")) {
      const stmts = statements(field(loop, "body"));
      stmts.forEach((s, i) => {
        if (s.type !== "if_statement" || field(s, "alternative")) return;
        const m = /^not\s+([A-Za-z_][\w.]*)$/.exec(mod.t(field(s, "condition")).trim());
        if (!m) return;
        const x = m[1]!;
        const cons = mod.t(field(s, "consequence"));
        if (!/=\s*False\b/.test(cons) || /\b(break|continue|return|raise)\b/.test(cons)) return;
        const later = stmts.slice(i + 1);
        const uses = later.some((l) => new RegExp(`\\b${x.replace(".", "\\.")}\\s*\\[\\s*-?\\d+\\s*\\]`).test(mod.t(l)));
        if (uses) ctx.report({ file: mod.file, start: s.start, end: s.end, message: `on an empty page the stop flag is set but the loop body continues and indexes ${x}[...], raising IndexError; add break` });
      });
    }
  },
});
