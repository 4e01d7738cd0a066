import { ALL_PROFILES, defineRule } from "../rule.js";
import { lastAssignment, opCalls } from "../helpers.js";
import { unparen } from "../python.js";

export default defineRule({
  meta: {
    id: "FT104",
    severity: "error",
    title: "Operation data/keys argument is not a dict",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "docs: supported operations (one row per call, as a dict)",
  },
  check(ctx) {
    for (const { mod, call, method } of opCalls(ctx.project)) {
      const a = mod.args(call);
      if (["upsert", "update", "delete", "truncate"].includes(method) && !a.positional[0] && !a.keywords.has("table")) {
        ctx.report({ file: mod.file, start: call.start, end: call.end, message: `op.${method}() needs the table name as its first argument` });
        continue;
      }
      if (method === "truncate" && a.positional.length > 1) {
        ctx.report({ file: mod.file, start: call.start, end: call.end, message: "op.truncate() takes only the table name" });
        continue;
      }
      const kw = method === "upsert" ? "data" : method === "update" ? "modified" : method === "delete" ? "keys" : undefined;
      if (!kw) continue;
      const arg = unparen(mod.arg(call, 1, kw));
      if (!arg) {
        ctx.report({ file: mod.file, start: call.start, end: call.end, message: `op.${method}() needs a ${kw}= dict` });
        continue;
      }
      let v = arg;
      const fn = mod.functionOf(call);
      if (arg.type === "identifier" && fn) v = unparen(lastAssignment(mod, fn.node, mod.t(arg), call.start)) ?? arg;
      const path = v.type === "call" ? mod.calleePath(v) : "";
      let bad: string | undefined;
      if (["list", "list_comprehension", "tuple", "set"].includes(v.type)) bad = `a ${v.type.replace("_comprehension", "")}`;
      else if (v.type === "string" || v.type === "concatenated_string" || v.type === "integer" || v.type === "none") bad = `a ${v.type}`;
      else if (/(^|\.)json\.dumps$/.test(path)) bad = "a JSON string";
      else if (/(^|\.)DataFrame$|\.fetchall$|\.fetchmany$/.test(path)) bad = path.endsWith("DataFrame") ? "a DataFrame" : "a list of rows";
      if (bad)
        ctx.report({ file: mod.file, start: arg.start, end: arg.end, message: `op.${method}() receives ${bad}; ${kw} must be one dict per row (loop over the rows and call op.${method}() for each)` });
    }
  },
});
