import { ALL_PROFILES, defineRule } from "../rule.js";
import { opCalls } from "../helpers.js";
import { isYielded } from "../yieldfix.js";
import { named, walkScope } from "../python.js";
import type { ReportEdit } from "../rule.js";

export default defineRule({
  meta: {
    id: "FT021",
    severity: "error",
    title: "Direct op calls on an SDK that needs yield",
    fixable: "safe",
    profiles: ALL_PROFILES,
    maxSdk: "2.0.0",
    guideline: "SDK 2.0 changelog (before 2.0 operations must be yielded)",
  },
  check(ctx) {
    const p = ctx.project;
    const group = new Set([...p.writes, ...p.ckpt]);
    const names = new Set([...group].map((f) => f.name));
    // The reverse rewrite is safe only if every function on the path has no value-returning `return`.
    let safe = !!p.update && group.has(p.update);
    const edits: ReportEdit[] = [];
    for (const f of group) {
      walkScope(f.node, (n) => {
        if (n.type === "return_statement" && named(n).length) safe = false;
        if (n.type !== "call" || n.parent?.type !== "expression_statement") return;
        if (f.mod.opMethod(n) && !isYielded(n)) edits.push({ file: f.mod.file, start: n.start, end: n.start, newText: "yield " });
        else if (names.has(f.mod.callee(n) ?? "") && !f.mod.opMethod(n)) edits.push({ file: f.mod.file, start: n.start, end: n.start, newText: "yield from " });
      });
    }
    for (const m of p.modules)
      for (const c of m.calls) {
        if (names.has(m.callee(c) ?? "") && c.parent?.type !== "expression_statement" && c.parent?.type !== "yield") safe = false;
      }
    for (const { mod, call } of opCalls(p)) {
      if (isYielded(call) || !["expression_statement"].includes(call.parent?.type ?? "")) continue;
      ctx.report({
        file: mod.file,
        start: call.start,
        end: call.end,
        message: `on SDK ${ctx.targetSdk} operations must be yielded; a bare ${mod.t(call).split("(")[0]}(...) is silently dropped in production`,
        fix: safe && edits.length ? { description: "add yield to every operation and yield from to every call of a helper that performs operations", edits } : undefined,
      });
    }
  },
});
