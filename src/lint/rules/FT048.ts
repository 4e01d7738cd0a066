import { ALL_PROFILES, defineRule } from "../rule.js";
import { logCalls } from "../helpers.js";
import { unparen } from "../python.js";

const ONE_ARG = new Set(["debug", "fine", "info", "warning"]);
const WITH_EXC = new Set(["error", "severe", "critical"]);

export default defineRule({
  meta: { id: "FT048", severity: "error", title: "Wrong logging call arguments", fixable: "suggest", profiles: ALL_PROFILES, guideline: "SDK source (Logging signatures); docs: connector SDK logs" },
  check(ctx) {
    for (const { mod, call, method } of logCalls(ctx.project)) {
      if (!ONE_ARG.has(method) && !WITH_EXC.has(method)) continue;
      const a = mod.args(call);
      const first = unparen(a.positional[0] ?? a.keywords.get("message"));
      const extra = a.positional.slice(1);
      if (first && ["dictionary", "list", "integer", "float", "none", "tuple", "true", "false"].includes(first.type)) {
        ctx.report({ file: mod.file, start: first.start, end: first.end, message: `log.${method}() takes a str message; a ${first.type} breaks local debug (message.split) and logs differently in production. Use an f-string` });
      }
      if (ONE_ARG.has(method) && (extra.length || [...a.keywords.keys()].some((k) => k !== "message"))) {
        const pct = first && mod.str(first)?.includes("%");
        const fix = pct && extra.length === (mod.str(first)!.match(/%[sdrf]/g) ?? []).length && !/["']/.test(extra.map((e) => mod.t(e)).join(""))
          ? { description: "format the message with an f-string", safe: false, edits: [{ start: first.start, end: extra[extra.length - 1].end, newText: `f${mod.t(first).replace(/%[sdrf]/g, () => `{${mod.t(extra.shift())}}`)}` }] }
          : undefined;
        ctx.report({ file: mod.file, start: call.start, end: call.end, message: `log.${method}() takes exactly one message argument; extra arguments raise TypeError. Build the text with an f-string`, fix });
      }
      if (WITH_EXC.has(method) && extra[0]) {
        const e = unparen(extra[0])!;
        if (["string", "concatenated_string", "integer", "dictionary", "list"].includes(e.type) || extra.length > 1) ctx.report({ file: mod.file, start: e.start, end: e.end, message: `the second argument of log.${method}() must be an exception object` });
      }
    }
  },
});
