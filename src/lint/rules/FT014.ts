import { ALL_PROFILES, defineRule } from "../rule.js";
import { dictKeys, lastAssignment, stateNames, stateSubscript } from "../helpers.js";
import { field, unparen, walkTypes, type PyNode } from "../python.js";
import type { Module } from "../model.js";

const NON_JSON_CALL =
  /(^|\.)(datetime\.(now|utcnow|fromtimestamp|utcfromtimestamp|strptime|fromisoformat|combine)|datetime|datetime\.date|datetime\.time|date\.today|parser\.parse|isoparse|Timestamp|to_datetime|Decimal|set|frozenset|bytes|bytearray|UUID|uuid4|uuid1)$|^(date|time|today)$/;

function nonJson(mod: Module, v: PyNode | undefined, scope: PyNode | undefined, before: number, depth = 0): string | undefined {
  v = unparen(v);
  if (!v) return undefined;
  if (v.type === "set" || v.type === "set_comprehension") return "a set";
  if (v.type === "string" && /^[rR]?[bB]/.test(mod.t(v))) return "bytes";
  if (v.type === "call") {
    const path = mod.calleePath(v);
    const fnText = mod.t(field(v, "function"));
    // Bare date()/time()/today() only when they come from the datetime module (time.time() is a float).
    const fromDatetime = (n: string) => mod.imports.some((i) => i.module === "datetime" && i.names.some((x) => (x.alias ?? x.name) === n));
    if (/^(date|time|today)$/.test(path) && !fromDatetime(path)) return undefined;
    if (NON_JSON_CALL.test(path)) return `a ${path.split(".").pop()} object`;
    // dt.replace(...) keeps a datetime; a string's .replace (after isoformat/strftime/str) does not.
    if (/\)\.replace$/.test(fnText) && !/\.(isoformat|strftime|format)\(|^str\(|json\.dumps\(/.test(fnText) && NON_JSON_CALL.test(fnText.replace(/\(.*$/s, ""))) return "a datetime object";
  }
  if (v.type === "identifier" && scope && depth < 2) {
    const a = lastAssignment(mod, scope, mod.t(v), before);
    if (a) return nonJson(mod, a, scope, a.start, depth + 1);
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: "FT014",
    severity: "error",
    title: "Non-JSON-serialisable value stored in state",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "docs: state management; seed guidelines (state is JSON)",
  },
  check(ctx) {
    const p = ctx.project;
    for (const mod of p.modules)
      for (const f of mod.functions) {
        const names = stateNames(p, f);
        const check = (v: PyNode | undefined, at: number) => {
          const what = nonJson(mod, v, f.node, at);
          if (!what || !v) return;
          const isDate = /datetime|date|now|today|Timestamp|parse/.test(what);
          ctx.report({
            file: mod.file,
            start: v.start,
            end: v.end,
            message: `${what} is stored in the state; op.checkpoint() serialises the state with json.dumps and raises TypeError. Store ${isDate ? "an ISO-8601 string (.isoformat())" : "a JSON type (str, int, list, dict)"}`,
            fix: isDate && unparen(v)?.type === "call" ? { description: "store .isoformat()", safe: false, edits: [{ start: v.end, end: v.end, newText: ".isoformat()" }] } : undefined,
          });
        };
        walkTypes(f.node, ["assignment", "call"], (n) => {
          if (n.type === "assignment" && stateSubscript(mod, field(n, "left"), names)) check(field(n, "right"), n.start);
          if (n.type === "call" && mod.opMethod(n) === "checkpoint") for (const k of dictKeys(mod, mod.arg(n, 0, "state")) ?? []) check(k.value, n.start);
        });
      }
  },
});
