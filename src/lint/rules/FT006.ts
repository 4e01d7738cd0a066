import { ALL_PROFILES, defineRule } from "../rule.js";
import { field, findAll } from "../python.js";

const GENERIC = /^(typing\.)?(Dict|List|Generator|Iterator|Iterable|Optional|Any|Mapping|Tuple|Union)\b/;

export default defineRule({
  meta: {
    id: "FT006",
    severity: "error",
    title: "op.Operation or typing generics in SDK signatures",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "Fivetran SDK reference (simple built-in type hints only); evaluation checklist",
  },
  check(ctx) {
    const p = ctx.project;
    for (const mod of p.modules) {
      const future = mod.imports.some((i) => i.module === "__future__" && i.names.some((n) => n.name === "annotations"));
      for (const n of findAll(mod.root, "attribute")) {
        if (mod.t(field(n, "attribute")) !== "Operation") continue;
        const obj = field(n, "object");
        if (!(obj && (mod.op.has(mod.t(obj)) || /(^|\.)Operations$/.test(mod.t(obj))))) continue;
        // In a return annotation the whole annotation can go: the SDK ignores it.
        const fn = n.parent && findFunctionWithReturn(n);
        const fix = fn ? { description: "remove the return annotation", edits: [{ start: field(fn, "parameters")!.end, end: field(fn, "return_type")!.end, newText: "" }] } : undefined;
        ctx.report({
          file: mod.file,
          start: n.start,
          end: n.end,
          message: `${mod.t(n)} does not exist${future ? "" : "; annotations are evaluated when the def runs, so the module fails to import"}. Drop the annotation`,
          fix,
        });
      }
    }
    for (const f of [p.update, p.schema]) {
      if (!f) continue;
      const mod = f.mod;
      for (const prm of f.params) {
        const ann = prm.annotation;
        if (!ann || !GENERIC.test(mod.t(ann))) continue;
        const simple = /^(typing\.)?Dict\b/.test(mod.t(ann)) ? "dict" : /^(typing\.)?List\b/.test(mod.t(ann)) ? "list" : undefined;
        ctx.report({
          file: mod.file,
          start: ann.start,
          end: ann.end,
          severity: "info",
          message: `typing generic '${mod.t(ann)}' on ${f.name}(); plain built-in hints (dict) are the SDK convention`,
          fix: simple ? { description: `replace with ${simple}`, edits: [{ start: ann.start, end: ann.end, newText: simple }] } : undefined,
        });
      }
      const ret = field(f.node, "return_type");
      if (ret && GENERIC.test(mod.t(ret)) && !/Operation/.test(mod.t(ret))) {
        ctx.report({
          file: mod.file,
          start: ret.start,
          end: ret.end,
          severity: "info",
          message: `typing generic return annotation '${mod.t(ret)}' on ${f.name}(); drop it`,
          fix: { description: "remove the return annotation", edits: [{ start: field(f.node, "parameters")!.end, end: ret.end, newText: "" }] },
        });
      }
    }
  },
});

function findFunctionWithReturn(n: import("../python.js").PyNode) {
  for (let a = n.parent; a; a = a.parent) {
    if (a.type === "function_definition") return undefined;
    if (a.field === "return_type" && a.parent?.type === "function_definition") return a.parent;
  }
  return undefined;
}
