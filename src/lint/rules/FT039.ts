import { ALL_PROFILES, defineRule } from "../rule.js";
import { normaliseIdentifier, schemaTables } from "../helpers.js";

export default defineRule({
  meta: {
    id: "FT039",
    severity: "error",
    title: "Same table declared twice in schema()",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "docs: supported methods; SDK source (table already defined)",
  },
  check(ctx) {
    const seen = new Map<string, string>();
    for (const t of schemaTables(ctx.project).tables) {
      if (t.name === undefined) continue;
      const n = normaliseIdentifier(t.name);
      if (seen.has(n))
        ctx.report({ file: t.mod.file, start: t.nameNode!.start, end: t.nameNode!.end, message: `table "${t.name}" is declared twice in schema() (as "${seen.get(n)}" before); the SDK rejects it` });
      else seen.set(n, t.name);
    }
  },
});
