import { ALL_PROFILES, defineRule } from "../rule.js";
import { isHttpCall } from "../helpers.js";
import { ancestors } from "../python.js";

export default defineRule({
  meta: {
    id: "FT077",
    severity: "info",
    title: "Network/DB/file operation with no error handling on its path",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "evaluation checklist; docs: error handling",
  },
  check(ctx) {
    const p = ctx.project;
    const inTry = (n: import("../python.js").PyNode) => ancestors(n).some((a) => a.type === "try_statement" && a.children.some((c) => c.type === "except_clause"));
    for (const mod of p.modules)
      for (const f of mod.functions) {
        const io = f.callNodes.find((c) => (isHttpCall(mod, c) || /(^|\.)(connect|execute)$/.test(mod.calleePath(c))) && !inTry(c));
        if (!io) continue;
        // Handled by a caller one level up (or a retry helper), as the catalogue allows.
        const callers = p.modules.flatMap((m) => m.calls.filter((c) => m.callee(c) === f.name));
        if (callers.some((c) => inTry(c))) continue;
        if (/retry|backoff|with_retries/i.test(f.name) || f.node.parent?.type === "decorated_definition") continue;
        ctx.report({
          file: mod.file,
          start: io.start,
          end: io.end,
          message: `${mod.calleePath(io)}() in ${f.name}() has no error handling on its path; wrap it to raise a clear error (e.g. raise RuntimeError("fetching users failed") from e)`,
        });
      }
  },
});
