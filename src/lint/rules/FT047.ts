import { ALL_PROFILES, defineRule, lineEndOf, lineStartOf } from "../rule.js";
import { logCalls, statements } from "../helpers.js";
import type { FuncInfo, Module } from "../model.js";
import type { Project } from "../project.js";
import { ancestors, field, findAll, named, type PyNode } from "../python.js";

export default defineRule({
  meta: { id: "FT047", severity: "error", title: "log.* called at import time", fixable: "safe", profiles: ALL_PROFILES, guideline: "SDK source (Logging.LOG_LEVEL is None until debug/run sets it)" },
  check(ctx) {
    const p = ctx.project;
    for (const { mod, call, method } of logCalls(p)) {
      const inDefault = ancestors(call).some((a) => a.type === "parameters");
      if (!mod.atImportTime(call) && !inDefault) continue;
      const stmt = call.parent;
      let fix;
      const u = p.update;
      if (stmt?.type === "expression_statement" && stmt.parent === mod.root && u && u.mod === mod) {
        const first = statements(field(u.node, "body"))[0];
        if (first) {
          const indent = /[ \t]*$/.exec(mod.source.slice(0, first.start))![0];
          // Below a docstring, which must stay the first statement to remain the docstring.
          const isDoc = first.type === "expression_statement" && named(first)[0]?.type === "string";
          const at = isDoc ? lineEndOf(mod.source, first.end) : lineStartOf(mod.source, first.start);
          const nl = at === mod.source.length && !mod.source.endsWith("\n") ? "\n" : "";
          fix = {
            description: "move the log call to the start of update()",
            edits: [
              { start: lineStartOf(mod.source, stmt.start), end: lineEndOf(mod.source, stmt.end), newText: "" },
              { start: at, end: at, newText: `${nl}${indent}${mod.t(stmt)}\n` },
            ],
          };
        }
      }
      ctx.report({
        file: mod.file,
        start: call.start,
        end: call.end,
        message: `log.${method}() at import time raises TypeError: the SDK sets the log level only when the sync starts. Log inside update()`,
        fix,
      });
    }
    // Log calls inside project functions that run while the module is imported. No fix: whether
    // the call or the log line should move is the author's choice.
    for (const [f, via] of importTimeFunctions(p)) {
      for (const call of f.callNodes) {
        const method = f.mod.logMethod(call);
        if (!method) continue;
        const line = via.mod.parsed.lines.position(via.node.start).line;
        const chain = via.chain.length > 1 ? ` (through ${via.chain.join("() → ")}())` : "";
        ctx.report({
          file: f.mod.file,
          start: call.start,
          end: call.end,
          message: `${f.name}() runs at import time (${via.what} at ${via.mod.file}:${line}${chain}), so this log.${method}() raises TypeError before the SDK sets the log level. Call ${via.chain[0]}() from update() instead, or drop the log line`,
        });
      }
    }
  },
});

interface Via {
  mod: Module;
  node: PyNode;
  /** What runs at import time: "called", "used as a decorator", "instantiated". */
  what: string;
  /** Project functions from the import-time call site down to this one. */
  chain: string[];
}

/**
 * Project functions that run while a module is imported: called (or instantiated, or applied as a
 * decorator) by module-level code, class bodies or default arguments, and whatever those call in
 * turn. Only real calls count; a function merely passed along (Connector(update=update),
 * Thread(target=f)) does not run at import.
 */
function importTimeFunctions(p: Project): Map<FuncInfo, Via> {
  const found = new Map<FuncInfo, Via>();
  const queue: FuncInfo[] = [];
  const add = (g: FuncInfo, via: Via) => {
    // update() or schema() run at import is FT110's finding, and it covers every log line in them.
    if (found.has(g) || g === p.update || g === p.schema) return;
    found.set(g, via);
    queue.push(g);
  };
  const classes = new Set(p.modules.flatMap((m) => m.functions.map((f) => f.className).filter((c): c is string => !!c)));
  for (const mod of p.modules) {
    for (const call of mod.calls) {
      if (!runsAtImport(mod, call)) continue;
      for (const g of targets(p, mod, call, classes)) add(g.f, { mod, node: call, what: g.ctor ? `${mod.callee(call)}(...) instantiated` : `${mod.calleePath(call)}() called`, chain: [g.f.name] });
    }
    // `@name` without parentheses calls the decorator function with the decorated one, at import.
    for (const dec of findAll(mod.root, "decorator")) {
      const expr = named(dec)[0];
      if (expr?.type !== "identifier" || !runsAtImport(mod, dec)) continue;
      for (const g of (p.funcsByName.get(mod.t(expr)) ?? []).filter((x) => !x.className)) add(g, { mod, node: dec, what: `@${g.name} applied`, chain: [g.name] });
    }
  }
  while (queue.length) {
    const f = queue.shift()!;
    const via = found.get(f)!;
    for (const call of f.callNodes) {
      for (const g of targets(p, f.mod, call, classes)) add(g.f, { ...via, chain: [...via.chain, g.f.name] });
    }
  }
  return found;
}

/** Module level, a class body, or a default argument / decorator of a def that itself runs at import. */
function runsAtImport(mod: Module, n: PyNode): boolean {
  for (let a = n.parent; a; a = a.parent) {
    if (a.type === "lambda") return false;
    if (a.type === "function_definition") {
      // Defaults and decorators are evaluated when the def runs; the body is not.
      const body = field(a, "body");
      if (body && n.start >= body.start && n.end <= body.end) return false;
      return mod.atImportTime(a);
    }
  }
  // The main guard is checked last: most calls are inside a function and never get here.
  return !mod.inMain(n);
}

/** Project functions a call runs: plain functions by the call's shape, and a class's constructor. */
function targets(p: Project, mod: Module, call: PyNode, classes: Set<string>): { f: FuncInfo; ctor: boolean }[] {
  const name = mod.callee(call);
  // Most calls are to library code: no project function of that name, nothing to resolve.
  if (!name || (!p.funcsByName.has(name) && !classes.has(name))) return [];
  const fn = field(call, "function");
  if (fn?.type === "identifier" && classes.has(name)) {
    return (p.funcsByName.get("__init__") ?? [])
      .concat(p.funcsByName.get("__post_init__") ?? [])
      .filter((g) => g.className === name)
      .map((f) => ({ f, ctor: true }));
  }
  return mod.callTargets(call, p.funcsByName.get(name) ?? []).map((f) => ({ f, ctor: false }));
}
