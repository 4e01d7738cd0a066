import { ALL_PROFILES, defineRule } from "../rule.js";
import { opCalls } from "../helpers.js";
import { isYielded, removeYieldEdits } from "../yieldfix.js";

export default defineRule({
  meta: { id: "FT023", severity: "warning", title: "Mixed yield and direct operation styles", fixable: "safe", profiles: ALL_PROFILES, minSdk: "2.0.0", guideline: "SDK 2.0 migration guide" },
  check(ctx) {
    const calls = opCalls(ctx.project);
    const yielded = calls.filter((c) => isYielded(c.call));
    const direct = calls.filter((c) => !isYielded(c.call) && c.call.parent?.type === "expression_statement");
    if (!yielded.length || !direct.length) return;
    const edits = removeYieldEdits(ctx.project);
    const first = direct[0];
    ctx.report({
      file: first.mod.file,
      start: first.call.start,
      end: first.call.end,
      message: `the project mixes yielded (${yielded.length}) and direct (${direct.length}) SDK operations; this usually means an unfinished migration. Use direct calls everywhere`,
      fix: edits ? { description: "remove yield from every SDK operation", edits: [...edits.values()].flat() } : undefined,
    });
  },
});
