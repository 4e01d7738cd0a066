import type { FuncInfo } from "./model.js";
import type { Project } from "./project.js";
import { named, unparen, walkScope, type PyNode } from "./python.js";
import type { ReportEdit } from "./rule.js";

/**
 * The whole-project rewrite from `yield op.x(...)` to direct calls (SDK >= 2.0). It is offered only
 * when every yield of every rewritten function is an expression statement of an op or of a
 * `yield from` into another rewritten function, so no generator is left half-converted.
 */
export function removeYieldEdits(p: Project): Map<string, ReportEdit[]> | undefined {
  const all = p.modules.flatMap((m) => m.functions);
  const yieldsOf = (f: FuncInfo): PyNode[] => {
    const out: PyNode[] = [];
    walkScope(f.node, (n) => void (n.type === "yield" && out.push(n)));
    return out;
  };
  const target = (f: FuncInfo, y: PyNode): { kind: "op" | "from"; callee?: string; expr?: PyNode } | undefined => {
    if (y.parent?.type !== "expression_statement") return undefined;
    const isFrom = y.children.some((c) => !c.named && f.mod.t(c) === "from");
    const expr = unparen(named(y)[0]);
    if (expr?.type !== "call") return undefined;
    if (!isFrom && f.mod.opMethod(expr)) return { kind: "op", expr };
    if (isFrom) return { kind: "from", callee: f.mod.callee(expr), expr };
    return undefined;
  };
  let convert = new Set(all.filter((f) => f.isGenerator && yieldsOf(f).some((y) => target(f, y)?.kind === "op")));
  if (convert.size === 0) return undefined;
  for (let changed = true; changed;) {
    changed = false;
    const names = new Set([...convert].map((f) => f.name));
    for (const f of [...convert]) {
      const ok = yieldsOf(f).every((y) => {
        const t = target(f, y);
        return t && (t.kind === "op" || (t.callee && names.has(t.callee)));
      });
      if (!ok) {
        convert.delete(f);
        changed = true;
      }
    }
    // Every call of a converted function must be a bare statement or a `yield from` in a converted function.
    for (const m of p.modules)
      for (const c of m.calls) {
        const g = m.callee(c);
        if (!g || !names.has(g)) continue;
        const par = c.parent!;
        const host = m.functionOf(c);
        const okUse = par.type === "expression_statement" || (par.type === "yield" && host && convert.has(host));
        if (!okUse) {
          convert = new Set([...convert].filter((f) => f.name !== g));
          changed = true;
        }
      }
  }
  if (convert.size === 0) return undefined;
  const edits = new Map<string, ReportEdit[]>();
  for (const f of convert)
    for (const y of yieldsOf(f)) {
      const t = target(f, y)!;
      const list = edits.get(f.mod.file) ?? [];
      list.push({ file: f.mod.file, start: y.start, end: t.expr!.start, newText: "" });
      edits.set(f.mod.file, list);
    }
  return edits;
}

/** Is this op call yielded (`yield op.upsert(...)`)? */
export function isYielded(call: PyNode): boolean {
  let n = call.parent;
  while (n?.type === "parenthesized_expression") n = n.parent;
  return n?.type === "yield";
}
