import { ALL_PROFILES, defineRule } from "../rule.js";
import { field, findAll, named } from "../python.js";

const TEMPORAL = /(_at|_on|time|date|timestamp|cursor|since|until|modified|updated|created)$/i;
const PARSER = /fromisoformat|strptime|parse|to_datetime|datetime\(|fromtimestamp|Timestamp/;

export default defineRule({
  meta: {
    id: "FT101",
    severity: "info",
    title: "Timestamps compared as strings without parsing",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "evaluation checklist (string timestamp comparison)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const cmp of findAll(mod.root, "comparison_operator")) {
        const ops = cmp.children.filter((c) => !c.named).map((c) => mod.t(c));
        if (!ops.length || !ops.every((o) => ["<", ">", "<=", ">="].includes(o))) continue;
        const sides = named(cmp);
        if (sides.length !== 2) continue;
        const label = (n: (typeof sides)[number]) => {
          if (n.type === "identifier" || n.type === "attribute") return mod.t(n).split(".").pop()!;
          if (n.type === "subscript") return mod.str(field(n, "subscript")) ?? "";
          if (n.type === "call" && /\.get$/.test(mod.calleePath(n))) return mod.str(mod.args(n).positional[0]) ?? "";
          return "";
        };
        if (!sides.every((s) => TEMPORAL.test(label(s)))) continue;
        const fn = mod.functionOf(cmp);
        const scope = fn ? mod.t(fn.node) : mod.source;
        const parsed = sides.some((s) => new RegExp(`${label(s)}\\w*\\s*=\\s*[^\\n]*(${PARSER.source})`).test(scope));
        if (parsed) continue;
        ctx.report({
          file: mod.file,
          start: cmp.start,
          end: cmp.end,
          message: "timestamps are compared as strings; this only works for one fixed format and offset. Parse them (datetime.fromisoformat) before comparing",
        });
      }
  },
});
