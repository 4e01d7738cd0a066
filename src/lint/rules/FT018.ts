import { ALL_PROFILES, defineRule } from "../rule.js";
import { stateFunctions } from "../helpers.js";
import { ancestors, field, walkTypes } from "../python.js";

export default defineRule({
  meta: {
    id: "FT018",
    severity: "warning",
    title: "state[key] read without a guard",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "docs: supported methods (first sync has an empty state); template connector",
  },
  check(ctx) {
    const p = ctx.project;
    for (const { mod, f, names } of stateFunctions(ctx.project)) {
      walkTypes(f.node, ["subscript"], (n) => {
        if (n.type !== "subscript" || !names.has(mod.t(field(n, "value")))) return;
        const keyNode = field(n, "subscript");
        const key = mod.str(keyNode);
        if (key === undefined) return;
        const parent = n.parent!;
        if ((parent.type === "assignment" || parent.type === "augmented_assignment") && field(parent, "left") === n) return;
        if (parent.type === "subscript" && field(parent, "value") === n && parent.parent?.type === "assignment" && field(parent.parent, "left") === parent) return;
        if (parent.type === "delete_statement") return;
        const s = mod.t(field(n, "value"));
        const guard = new RegExp(`["']${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']\\s+in\\s+${s}\\b|${s}\\.get\\(\\s*["']${key}["']|if\\s+${s}\\b|${s}\\s+and\\b`);
        for (const a of ancestors(n)) {
          if (a.type === "function_definition") break;
          const cond =
            a.type === "if_statement" || a.type === "elif_clause" || a.type === "while_statement"
              ? field(a, "condition")
              : a.type === "conditional_expression" || a.type === "boolean_operator"
                ? a
                : undefined;
          if (cond && guard.test(mod.t(cond))) return;
        }
        // Assigned earlier in the function: then it exists.
        if (new RegExp(`${s}\\[\\s*["']${key}["']\\s*\\]\\s*=[^=]|${s}\\.setdefault\\(\\s*["']${key}`).test(mod.source.slice(f.node.start, n.start))) return;
        // Set up elsewhere: a setdefault or an `in` check anywhere, or an assignment in another function
        // (update() seeds the key before it calls the helper that reads it).
        const k = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        if (p.modules.some((m) => new RegExp(`setdefault\\(\\s*["']${k}["']|["']${k}["']\\s+(not\\s+)?in\\s+\\w+`).test(m.source))) return;
        if (p.modules.some((m) => m.functions.some((g) => g !== f && new RegExp(`\\[\\s*["']${k}["']\\s*\\]\\s*=[^=]`).test(m.t(g.node))))) return;
        // The state handed to a helper earlier may have been filled there.
        if (
          f.callNodes.some(
            (c) =>
              c.end <= n.start &&
              !mod.opMethod(c) &&
              mod
                .args(c)
                .positional.concat([...mod.args(c).keywords.values()])
                .some((a) => mod.t(a) === s),
          )
        )
          return;
        ctx.report({
          file: mod.file,
          start: n.start,
          end: n.end,
          message: `state["${key}"] raises KeyError on the first sync, when the state is {}; use ${s}.get("${key}", <default>)`,
          fix: { description: `use ${s}.get("${key}") (choose a default)`, safe: false, edits: [{ start: n.start, end: n.end, newText: `${s}.get(${mod.t(keyNode)})` }] },
        });
      });
    }
  },
});
