import { ALL_PROFILES, defineRule, indentAt } from "../rule.js";

export default defineRule({
  meta: {
    id: "FT022",
    severity: "error",
    title: "Generator helper that performs ops is called without iterating",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "SDK 2.0 migration guide (calling a generator runs nothing)",
  },
  check(ctx) {
    const p = ctx.project;
    for (const mod of p.modules)
      for (const call of mod.calls) {
        if (call.parent?.type !== "expression_statement" || mod.opMethod(call)) continue;
        const name = mod.callee(call);
        const reachable = mod.callTargets(call, p.funcsByName.get(name ?? "") ?? []);
        const targets = reachable.filter((g) => g.isGenerator && (p.writes.has(g) || p.ckpt.has(g)));
        if (targets.length === 0 || targets.length !== reachable.length) continue;
        const indent = indentAt(mod.source, call.start);
        ctx.report({
          file: mod.file,
          start: call.start,
          end: call.end,
          message: `${name}() is a generator (it contains yield), so this call runs none of its operations; iterate it or make it a plain function`,
          fix: { description: `iterate it: for _ in ${name}(...): pass`, edits: [{ start: call.start, end: call.end, newText: `for _ in ${mod.t(call)}:\n${indent}    pass` }] },
        });
      }
  },
});
