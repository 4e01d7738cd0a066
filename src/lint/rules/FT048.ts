import { ALL_PROFILES, defineRule } from "../rule.js";
import { lastAssignment, logCalls } from "../helpers.js";
import { field, unparen, type PyNode } from "../python.js";
import type { Module } from "../model.js";

/** Calls whose result is plainly not a str. */
const NON_STR_CALLS: Record<string, string> = {
  int: "an int",
  len: "an int",
  float: "a float",
  sum: "a number",
  round: "a number",
  dict: "a dict",
  list: "a list",
  set: "a set",
  tuple: "a tuple",
  bool: "a bool",
  json: "parsed JSON",
};
const LITERALS: Record<string, string> = {
  integer: "an int",
  float: "a float",
  dictionary: "a dict",
  list: "a list",
  list_comprehension: "a list",
  dictionary_comprehension: "a dict",
  true: "a bool",
  false: "a bool",
  none: "None",
};

/**
 * What the code makes evident a message is when it is not a str: a call of int()/len()/..., or a
 * name last assigned one of those, or a literal, or a parameter annotated int/float/dict/list. An
 * f-string, str() or anything unknown is given the benefit of the doubt.
 */
function evidentNonString(mod: Module, call: PyNode, arg: PyNode): string | undefined {
  const kindOf = (e: PyNode | undefined): string | undefined => {
    const x = unparen(e);
    if (!x) return undefined;
    if (LITERALS[x.type]) return LITERALS[x.type];
    if (x.type === "call") {
      const name = mod.callee(x) ?? "";
      if (field(x, "function")?.type === "identifier" && NON_STR_CALLS[name]) return NON_STR_CALLS[name];
      if (name === "json" && field(x, "function")?.type === "attribute") return NON_STR_CALLS.json;
    }
    return undefined;
  };
  const direct = kindOf(arg);
  if (direct || arg.type !== "identifier") return direct;
  const fn = mod.functionOf(call);
  if (!fn) return undefined;
  const name = mod.t(arg);
  const assigned = lastAssignment(mod, fn.node, name, call.start);
  if (assigned) return kindOf(assigned);
  const param = fn.params.find((p) => p.name === name);
  const ann = param?.annotation ? mod.t(param.annotation) : "";
  return /^(int|float|dict|list|bool)\b/.test(ann) ? `annotated ${ann}` : undefined;
}

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
        ctx.report({
          file: mod.file,
          start: first.start,
          end: first.end,
          message: `log.${method}() takes a str message; a ${first.type} breaks local debug (message.split) and logs differently in production. Use an f-string`,
        });
      } else if (first) {
        const kind = evidentNonString(mod, call, first);
        if (kind)
          ctx.report({
            file: mod.file,
            start: first.start,
            end: first.end,
            message: `log.${method}() takes a str message; '${mod.t(first)}' is ${kind}, and SDK 3.0.0 fails on it (message.split). Use an f-string: log.${method}(f"... {${mod.t(first)}}")`,
          });
      }
      if (ONE_ARG.has(method) && (extra.length || [...a.keywords.keys()].some((k) => k !== "message"))) {
        const pct = first && mod.str(first)?.includes("%");
        const fix =
          pct && extra.length === (mod.str(first)!.match(/%[sdrf]/g) ?? []).length && !/["']/.test(extra.map((e) => mod.t(e)).join(""))
            ? {
                description: "format the message with an f-string",
                safe: false,
                edits: [{ start: first.start, end: extra[extra.length - 1].end, newText: `f${mod.t(first).replace(/%[sdrf]/g, () => `{${mod.t(extra.shift())}}`)}` }],
              }
            : undefined;
        ctx.report({
          file: mod.file,
          start: call.start,
          end: call.end,
          message: `log.${method}() takes exactly one message argument; extra arguments raise TypeError. Build the text with an f-string`,
          fix,
        });
      }
      if (WITH_EXC.has(method) && extra[0]) {
        const e = unparen(extra[0])!;
        if (["string", "concatenated_string", "integer", "dictionary", "list"].includes(e.type) || extra.length > 1)
          ctx.report({ file: mod.file, start: e.start, end: e.end, message: `the second argument of log.${method}() must be an exception object` });
      }
    }
  },
});
