import { ALL_PROFILES, defineRule } from "../rule.js";
import { checkpointsIn, loopAncestors, statements, writesIn } from "../helpers.js";
import { field, unparen, type PyNode } from "../python.js";
import type { Module } from "../model.js";
import type { Project } from "../project.js";

const NON_STREAMING = new Set([
  "range",
  "enumerate",
  "zip",
  "sorted",
  "list",
  "items",
  "keys",
  "values",
  "split",
  "reversed",
  "set",
  "tuple",
  "dict",
  "splitlines",
  "len",
  "filter",
  "map",
  "get",
  "iter",
  "findall",
  "iterfind",
  "glob",
  "listdir",
  "walk",
  "as_completed",
  "to_dict",
  "iterrows",
  "itertuples",
]);

/** A pagination or streaming loop: any while loop, or a for loop over a call that is not a plain collection helper. */
export function isStreamingLoop(mod: Module, loop: PyNode): boolean {
  if (loop.type === "while_statement") return !isRetryLoop(mod, loop);
  const right = unparen(field(loop, "right"));
  if (right?.type !== "call") return false;
  const name = mod.callee(right);
  if (!name || NON_STREAMING.has(name)) return false;
  // A project function that returns a list (no yield) has read everything before the loop starts.
  const targets = mod.callTargets(
    right,
    mod.functions.filter((f) => f.name === name),
  );
  return !(targets.length > 0 && targets.every((f) => !f.isGenerator));
}

/**
 * A loop that repeats one attempt until it succeeds: its condition counts attempts, or its body is a
 * try whose success leaves the loop (break/return) while a failure goes round again. Nothing in it
 * advances a cursor, so there is no page boundary to checkpoint at.
 */
export function isRetryLoop(mod: Module, loop: PyNode): boolean {
  const cond = mod.t(field(loop, "condition"));
  if (/\b(attempts?|retr(y|ies)|tries|tries_left|max_tries)\b/i.test(cond)) return true;
  const body = statements(field(loop, "body"));
  const tryStmt = body.find((x) => x.type === "try_statement");
  if (!tryStmt) return false;
  const tryText = mod.t(field(tryStmt, "body"));
  const handlers = tryStmt.children
    .filter((x) => x.type === "except_clause")
    .map((x) => mod.t(x))
    .join("\n");
  return /\b(break|return)\b/.test(tryText) && /\b(sleep|attempt|retr(y|ies)|continue)\b/i.test(handlers);
}

/** update() never reads state: every sync re-reads everything, so a checkpoint mid-loop saves no progress. */
function readsNoState(p: Project): boolean {
  const upd = p.update;
  if (!upd) return false;
  const stateParam = upd.params[1]?.name;
  if (!stateParam) return true;
  return !p.modules.some((m) =>
    m.functions.some((f) => new RegExp(`\\b${stateParam}\\s*(\\[|\\.get\\(|\\.items\\(|\\.keys\\(|\\.values\\()|\\bin\\s+${stateParam}\\b`).test(m.t(field(f.node, "body")))),
  );
}

function badLoop(p: Project, mod: Module, loop: PyNode): boolean {
  return isStreamingLoop(mod, loop) && writesIn(p, mod, loop) && !checkpointsIn(p, mod, loop);
}

export default defineRule({
  meta: {
    id: "FT010",
    severity: "warning",
    title: "Writes in a pagination/stream loop with no checkpoint inside it",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "Fivetran PR review rules (checkpoint per page); docs: best practices",
  },
  check(ctx) {
    const p = ctx.project;
    if (readsNoState(p)) return;
    for (const mod of p.modules) {
      for (const f of mod.functions) {
        const loops: PyNode[] = [];
        const stack = [f.node];
        while (stack.length) {
          const x = stack.pop()!;
          for (const c of x.children) {
            if (c.type === "function_definition" || c.type === "class_definition") continue;
            if (c.type === "for_statement" || c.type === "while_statement") loops.push(c);
            stack.push(c);
          }
        }
        for (const loop of loops) {
          if (!badLoop(p, mod, loop)) continue;
          const outer = loopAncestors(loop);
          if (outer.some((o) => checkpointsIn(p, mod, o) || badLoop(p, mod, o))) continue;
          // A helper whose every caller checkpoints around the call is fine.
          const callers = p.modules.flatMap((m) => m.calls.filter((c) => m.callee(c) === f.name).map((c) => ({ m, c })));
          if (callers.length > 0 && callers.every(({ m, c }) => loopAncestors(c).some((l) => checkpointsIn(p, m, l)))) continue;
          const head = loop.children[0];
          ctx.report({
            file: mod.file,
            start: loop.start,
            end: field(loop, "body")?.start ?? head.end,
            message: "this loop writes rows but never checkpoints; a failure restarts the sync from scratch. Call op.checkpoint(state) after each page or batch",
          });
        }
      }
    }
  },
});
