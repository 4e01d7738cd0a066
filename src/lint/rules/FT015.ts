import { ALL_PROFILES, defineRule } from "../rule.js";
import { dictKeys, stateNames, stateSubscript } from "../helpers.js";
import { field, unparen, walkTypes, type PyNode } from "../python.js";
import { lastAssignment } from "../helpers.js";
import type { Module } from "../model.js";

/** The expression a stored value comes from: the value itself, or what a plain name was last assigned. */
function valueOf(mod: Module, scope: PyNode, v: PyNode | undefined, before: number): PyNode | undefined {
  const x = unparen(v);
  if (!x) return x;
  if (x.type !== "identifier") {
    // sealed.decode(): what the receiver was assigned says whether it was encrypted.
    const base = x.type === "call" ? field(field(x, "function"), "object") : undefined;
    return base?.type === "identifier" ? (lastAssignment(mod, scope, mod.t(base), before) ?? x) : x;
  }
  return lastAssignment(mod, scope, mod.t(x), before) ?? x;
}

const SECRET_KEY = /(token|secret|password|passwd|api_?key|credential|session)/i;
const ENCRYPTED = /(^|_)(encrypted|enc|cipher(text)?|hashed|hash|digest|fingerprint)(_|$)/i;
/** Calls that turn a secret into something state may hold. */
const ENCRYPTS = /\b(encrypt\w*|Fernet\b|hashlib\.|sha\d+|md5|hmac\.|blake2\w*)/;
const NOT_SECRET = /(_ttl|_expires?\w*|_expiry|_at|_time|_count|_url)$|(page|next|continuation|pagination|sync|cursor|delta|resume|start|end)_?token/i;

export default defineRule({
  meta: { id: "FT015", severity: "error", title: "Credentials stored in state", fixable: "none", profiles: ALL_PROFILES, guideline: "evaluation checklist (security: no secrets in state)" },
  check(ctx) {
    const p = ctx.project;
    for (const mod of p.modules)
      for (const f of mod.functions) {
        const names = stateNames(p, f);
        const flag = (key: string, start: number, end: number, value?: PyNode) => {
          // An encrypted or hashed value is not a readable credential.
          if (ENCRYPTED.test(key) || (value && ENCRYPTS.test(mod.t(value)))) return;
          if (SECRET_KEY.test(key) && !NOT_SECRET.test(key))
            ctx.report({
              file: mod.file,
              start,
              end,
              message: `state key '${key}' looks like a credential; state is stored unencrypted. Keep secrets in the configuration and fetch tokens again on each sync`,
            });
        };
        walkTypes(f.node, ["assignment", "call"], (n) => {
          if (n.type === "assignment" && stateSubscript(mod, field(n, "left"), names)) {
            const k = mod.str(field(field(n, "left"), "subscript"));
            if (k) flag(k, field(n, "left")!.start, field(n, "left")!.end, valueOf(mod, f.node, field(n, "right"), n.start));
          }
          if (n.type === "call" && mod.opMethod(n) === "checkpoint")
            for (const k of dictKeys(mod, mod.arg(n, 0, "state")) ?? []) flag(k.key, k.keyNode.start, k.keyNode.end, valueOf(mod, f.node, k.value, n.start));
        });
      }
  },
});
