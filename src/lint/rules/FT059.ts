import { ALL_PROFILES, defineRule } from "../rule.js";
import { field, named, walkTypes } from "../python.js";

export default defineRule({
  meta: { id: "FT059", severity: "warning", title: "configuration mutated", fixable: "none", profiles: ALL_PROFILES, guideline: "docs: configuration.json (configuration is input owned by Fivetran)" },
  check(ctx) {
    for (const [f, names] of ctx.project.configNames) {
      const mod = f.mod;
      walkTypes(f.node, ["assignment", "augmented_assignment", "delete_statement", "call"], (n) => {
        let hit = false;
        if ((n.type === "assignment" || n.type === "augmented_assignment") && field(n, "left")?.type === "subscript" && names.has(mod.t(field(field(n, "left"), "value")))) hit = true;
        if (n.type === "delete_statement" && named(n).some((x) => x.type === "subscript" && names.has(mod.t(field(x, "value"))))) hit = true;
        if (n.type === "call") {
          const fn = field(n, "function");
          if (fn?.type === "attribute" && names.has(mod.t(field(fn, "object"))) && ["update", "pop", "setdefault", "clear", "popitem"].includes(mod.t(field(fn, "attribute")))) hit = true;
        }
        if (hit)
          ctx.report({
            file: mod.file,
            start: n.start,
            end: n.end,
            message: "the configuration is changed in place; changes are not saved and hide which keys users really set. Copy values into local variables instead",
          });
      });
    }
  },
});
