import { defineRule } from "../rule.js";
import { opCalls } from "../helpers.js";
import { isYielded, removeYieldEdits } from "../yieldfix.js";

export default defineRule({
  // The seed guidelines still ask for `yield`, so the default profile does not report it.
  meta: {
    id: "FT020",
    severity: "warning",
    title: "yield used with SDK operations (pre-2.0 style)",
    fixable: "safe",
    profiles: ["sdk"],
    minSdk: "2.0.0",
    guideline: "SDK 2.0 changelog and migration guide (yield no longer needed)",
  },
  check(ctx) {
    const edits = removeYieldEdits(ctx.project);
    const all = edits ? [...edits.values()].flat() : [];
    for (const { mod, call, method } of opCalls(ctx.project)) {
      if (!isYielded(call)) continue;
      ctx.report({
        file: mod.file,
        start: call.parent!.start,
        end: call.end,
        message: `'yield ${mod.t(call).split("(")[0]}(...)' is the pre-2.0 style; since SDK 2.0 operations are plain calls (${method} still works with yield)`,
        fix: all.length ? { description: "remove yield from every SDK operation and yield-from call in the project", edits: all } : undefined,
      });
    }
  },
});
