import { ALL_PROFILES, defineRule } from "../rule.js";
import { loopAncestors, stateFunctions } from "../helpers.js";
import { field, findAll } from "../python.js";

export default defineRule({
  meta: { id: "FT016", severity: "warning", title: "Unbounded state growth", fixable: "none", profiles: ALL_PROFILES, guideline: "Fivetran SDK reference (state under 10 MB)" },
  check(ctx) {
    for (const { mod, f, names } of stateFunctions(ctx.project)) {
      const rootedInState = (t: string) => [...names].some((s) => t.startsWith(`${s}[`));
      const inLoop = (n: import("../python.js").PyNode) => loopAncestors(n).length > 0;
      for (const n of [...f.callNodes, ...findAll(f.node, "augmented_assignment")]) {
        if (n.type === "call") {
          if (!inLoop(n)) continue;
          const fn = field(n, "function");
          const m = fn?.type === "attribute" ? mod.t(field(fn, "attribute")) : "";
          if (["append", "extend", "add", "update"].includes(m) && rootedInState(mod.t(field(fn, "object")))) {
            ctx.report({
              file: mod.file,
              start: n.start,
              end: n.end,
              message: "the state grows with every record; state must stay small (under 10 MB). Store a cursor (timestamp or id) instead of collections",
            });
          }
        }
        if (n.type === "augmented_assignment" && inLoop(n) && /^(\|=|\+=)$/.test(mod.t(n.children.find((c) => !c.named))) && rootedInState(mod.t(field(n, "left")))) {
          ctx.report({ file: mod.file, start: n.start, end: n.end, message: "the state grows with every record; state must stay small (under 10 MB). Store a cursor instead of collections" });
        }
      }
    }
  },
});
