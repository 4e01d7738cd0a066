import { ALL_PROFILES, defineRule } from "../rule.js";
import { field } from "../python.js";

const OPENERS = /(^|\.)(open|connect|cursor|Session|SSHClient|SSHTunnelForwarder|NamedTemporaryFile|Transport|SFTPClient\.from_transport)$/;

export default defineRule({
  meta: {
    id: "FT084",
    severity: "warning",
    title: "File/connection/cursor opened without with or close()",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "evaluation checklist (memory and resource management)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const f of mod.functions) {
        for (const call of f.callNodes) {
          const path = mod.calleePath(call);
          if (!OPENERS.test(path) || call.parent?.type !== "assignment") continue;
          if (/NamedTemporaryFile$/.test(path) && !/delete\s*=\s*False/.test(mod.t(call))) continue;
          const left = field(call.parent, "left");
          if (left?.type !== "identifier") continue;
          const name = mod.t(left);
          const rest = mod.source.slice(call.end, f.node.end);
          const closed = new RegExp(
            `\\b${name}\\s*\\.\\s*(close|stop|shutdown|quit|disconnect|__exit__)\\s*\\(|with\\s+(closing\\()?${name}\\b|return\\s+(\\w+\\s*,\\s*)*${name}\\s*(,|\\n|$)|yield\\s+${name}\\b|self\\.\\w+\\s*=\\s*${name}\\b|contextlib\\.closing\\(${name}`,
          ).test(rest);
          if (closed) continue;
          ctx.report({
            file: mod.file,
            start: call.parent.start,
            end: call.parent.end,
            message: `'${name}' from ${path}() is never closed; use a with block or close it in finally, or long syncs leak connections and files`,
          });
        }
      }
  },
});
