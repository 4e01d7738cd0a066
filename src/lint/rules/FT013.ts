import { ALL_PROFILES, defineRule } from "../rule.js";
import { lastAssignment } from "../helpers.js";
import { unparen } from "../python.js";

export default defineRule({
  meta: {
    id: "FT013",
    severity: "error",
    title: "op.checkpoint() payload is not a dict",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "docs: supported methods (state is a dict); seed guidelines",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      for (const call of mod.calls) {
        if (mod.opMethod(call) !== "checkpoint") continue;
        const arg = unparen(mod.arg(call, 0, "state"));
        if (!arg) {
          ctx.report({ file: mod.file, start: call.start, end: call.end, message: "op.checkpoint() needs the state dict: op.checkpoint(state=state)" });
          continue;
        }
        let v = arg;
        if (arg.type === "identifier") {
          const fn = mod.functionOf(call);
          const a = fn && lastAssignment(mod, fn.node, mod.t(arg), call.start);
          if (a) v = unparen(a)!;
        }
        const path = v.type === "call" ? mod.calleePath(v) : "";
        let bad: string | undefined;
        if (v.type === "string" || v.type === "concatenated_string") bad = "a string";
        else if (["list", "tuple", "set", "list_comprehension", "set_comprehension"].includes(v.type)) bad = `a ${v.type.replace("_comprehension", "")}`;
        else if (v.type === "integer" || v.type === "float") bad = "a number";
        else if (v.type === "none") bad = "None";
        else if (/(^|\.)json\.dumps$/.test(path) || path === "dumps") bad = "a JSON string (json.dumps double-encodes it)";
        else if (path === "str") bad = "a string";
        if (!bad) continue;
        const inner = /(^|\.)dumps$/.test(path) ? mod.arg(v, 0, "obj") : undefined;
        const fix =
          inner && v === arg && unparen(inner)?.type !== "string" ? { description: "pass the dict itself", safe: false, edits: [{ start: v.start, end: v.end, newText: mod.t(inner) }] } : undefined;
        ctx.report({ file: mod.file, start: arg.start, end: arg.end, message: `op.checkpoint() receives ${bad}; the state must be a dict that serialises to one JSON object`, fix });
      }
    }
  },
});
