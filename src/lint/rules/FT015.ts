import { ALL_PROFILES, defineRule } from "../rule.js";
import { dictKeys, stateNames, stateSubscript } from "../helpers.js";
import { field, walkTypes } from "../python.js";

const SECRET_KEY = /(token|secret|password|passwd|api_?key|credential|session)/i;
const NOT_SECRET = /(_ttl|_expires?\w*|_expiry|_at|_time|_count|_url)$|(page|next|continuation|pagination|sync|cursor|delta|resume|start|end)_?token/i;

export default defineRule({
  meta: { id: "FT015", severity: "error", title: "Credentials stored in state", fixable: "none", profiles: ALL_PROFILES, guideline: "evaluation checklist (security: no secrets in state)" },
  check(ctx) {
    const p = ctx.project;
    for (const mod of p.modules) for (const f of mod.functions) {
      const names = stateNames(p, f);
      const flag = (key: string, start: number, end: number) => {
        if (SECRET_KEY.test(key) && !NOT_SECRET.test(key)) ctx.report({ file: mod.file, start, end, message: `state key '${key}' looks like a credential; state is stored unencrypted. Keep secrets in the configuration and fetch tokens again on each sync` });
      };
      walkTypes(f.node, ["assignment", "call"], (n) => {
        if (n.type === "assignment" && stateSubscript(mod, field(n, "left"), names)) {
          const k = mod.str(field(field(n, "left"), "subscript"));
          if (k) flag(k, field(n, "left")!.start, field(n, "left")!.end);
        }
        if (n.type === "call" && mod.opMethod(n) === "checkpoint") for (const k of dictKeys(mod, mod.arg(n, 0, "state")) ?? []) flag(k.key, k.keyNode.start, k.keyNode.end);
      });
    }
  },
});
