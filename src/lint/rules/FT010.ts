import { ALL_PROFILES, defineRule } from "../rule.js";
import { checkpointsIn, loopAncestors, writesIn } from "../helpers.js";
import { field, unparen, type PyNode } from "../python.js";
import type { Module } from "../model.js";
import type { Project } from "../project.js";

const NON_STREAMING = new Set(["range", "enumerate", "zip", "sorted", "list", "items", "keys", "values", "split", "reversed", "set", "tuple", "dict", "splitlines", "len", "filter", "map", "get", "iter", "findall", "iterfind", "glob", "listdir", "walk"]);

/** A pagination or streaming loop: any while loop, or a for loop over a call that is not a plain collection helper. */
export function isStreamingLoop(mod: Module, loop: PyNode): boolean {
  if (loop.type === "while_statement") return true;
  const right = unparen(field(loop, "right"));
  if (right?.type !== "call") return false;
  const name = mod.callee(right);
  return !!name && !NON_STREAMING.has(name);
}

function badLoop(p: Project, mod: Module, loop: PyNode): boolean {
  return isStreamingLoop(mod, loop) && writesIn(p, mod, loop) && !checkpointsIn(p, mod, loop);
}

export default defineRule({
  meta: { id: "FT010", severity: "warning", title: "Writes in a pagination/stream loop with no checkpoint inside it", fixable: "none", profiles: ALL_PROFILES, guideline: "Fivetran PR review rules (checkpoint per page); docs: best practices" },
  check(ctx) {
    const p = ctx.project;
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
          ctx.report({ file: mod.file, start: loop.start, end: field(loop, "body")?.start ?? head.end, message: "this loop writes rows but never checkpoints; a failure restarts the sync from scratch. Call op.checkpoint(state) after each page or batch" });
        }
      }
    }
  },
});
