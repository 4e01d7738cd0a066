import { ALL_PROFILES, defineRule } from "../rule.js";
import { insertLine, isHttpCall } from "../helpers.js";
import { ancestors, field, named } from "../python.js";

const CONST = "__REQUEST_TIMEOUT_SECONDS";

export default defineRule({
  meta: {
    id: "FT073",
    severity: "warning",
    title: "HTTP call without timeout",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "evaluation checklist; Fivetran SDK reference (retry pattern with a timeout)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      const defined = mod.root.children.some((c) => c.type === "expression_statement" && mod.t(field(named(c)[0], "left")) === CONST);
      let constOffered = false;
      for (const call of mod.calls) {
        if (!isHttpCall(mod, call)) continue;
        const a = mod.args(call);
        if (a.keywords.has("timeout") || a.hasSplat) continue;
        const args = field(call, "arguments")!;
        if (args.type !== "argument_list") continue;
        // A double-underscore name inside a class body is mangled, so the fix is offered only outside classes.
        const inClass = ancestors(call).some((x) => x.type === "class_definition");
        let fix;
        if (!inClass && (defined || !constOffered)) {
          const last = named(args)
            .filter((x) => x.type !== "comment")
            .pop();
          const trailingComma = last && /^\s*,/.test(mod.source.slice(last.end, args.end - 1));
          const at = last ? (trailingComma ? mod.source.indexOf(",", last.end) + 1 : last.end) : args.start + 1;
          const edits = [{ start: at, end: at, newText: `${last ? (trailingComma ? " " : ", ") : ""}timeout=${CONST}` }];
          if (!defined) {
            edits.push(insertLine(mod, `\n# Seconds before an HTTP request is abandoned; without it a dead server hangs the sync.\n${CONST} = 120`));
            constOffered = true;
          }
          fix = { description: `add timeout=${CONST} (120 s)`, edits };
        }
        ctx.report({
          file: mod.file,
          start: call.start,
          end: call.end,
          message: `${mod.calleePath(call)}() has no timeout; requests waits forever on a dead server and the sync hangs. Pass timeout=`,
          fix,
        });
      }
    }
  },
});
