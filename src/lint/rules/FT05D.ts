import { ALL_PROFILES, defineRule } from "../rule.js";
import { statements } from "../helpers.js";
import { field, named } from "../python.js";

export default defineRule({
  meta: {
    id: "FT05D",
    severity: "info",
    title: "No validate_configuration() at the top of update()",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "Fivetran PR review rules; template connector",
  },
  check(ctx) {
    const f = ctx.project.update;
    if (!f) return;
    const mod = f.mod;
    const first = statements(field(f.node, "body")).find((s) => {
      const e = named(s)[0];
      if (s.type === "expression_statement" && e?.type === "string") return false;
      if (s.type === "expression_statement" && e?.type === "call" && mod.logMethod(e)) return false;
      return true;
    });
    const text = first ? mod.t(first) : "";
    if (/valid/i.test(text.split("\n")[0])) return;
    const name = field(f.node, "name")!;
    ctx.report({
      file: mod.file,
      start: name.start,
      end: name.end,
      message: "update() does not start by validating the configuration; call validate_configuration(configuration) first so bad input fails with a clear message",
    });
  },
});
