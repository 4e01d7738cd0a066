import { ALL_PROFILES, defineRule } from "../rule.js";
import { isHttpCall } from "../helpers.js";
import { field, walk } from "../python.js";

export default defineRule({
  meta: {
    id: "FT074",
    severity: "warning",
    title: "HTTP response used without a status check",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "evaluation checklist (validate HTTP responses)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const f of mod.functions) {
        for (const call of f.callNodes) {
          if (!isHttpCall(mod, call) || call.parent?.type !== "assignment" || field(call.parent, "left")?.type !== "identifier") continue;
          const name = mod.t(field(call.parent, "left"));
          const body = mod.source.slice(call.end, f.node.end);
          const re = (s: string) => new RegExp(`\\b${name}\\s*\\.\\s*${s}`);
          if (re("raise_for_status").test(body) || re("(status_code|ok|status)\\b").test(body) || new RegExp(`\\b(return|yield)\\s+${name}\\s*(\\n|$|,|\\))`).test(body)) continue;
          // Passing the response to a helper hands the check over to it.
          if (new RegExp(`\\w\\(\\s*${name}\\s*[,)]`).test(body)) continue;
          let use: import("../python.js").PyNode | undefined;
          walk(f.node, (n) => {
            if (use || n.start < call.end || n.type !== "attribute" || mod.t(field(n, "object")) !== name) return;
            if (/^(json|text|content|iter_\w+|raw)$/.test(mod.t(field(n, "attribute")))) use = n;
          });
          if (!use) continue;
          const stmt = call.parent.parent!;
          const indent = /[ \t]*$/.exec(mod.source.slice(0, stmt.start))![0];
          ctx.report({
            file: mod.file,
            start: use.start,
            end: use.end,
            message: `'${name}' is read without checking the HTTP status; an error page would be parsed as data. Call ${name}.raise_for_status() first`,
            fix: { description: `insert ${name}.raise_for_status()`, safe: false, edits: [{ start: stmt.end, end: stmt.end, newText: `\n${indent}${name}.raise_for_status()` }] },
          });
        }
      }
  },
});
