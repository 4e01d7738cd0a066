import { ALL_PROFILES, defineRule } from "../rule.js";
import { field, walkTypes } from "../python.js";

export default defineRule({
  meta: { id: "FT078", severity: "warning", title: "TLS or host-key verification disabled", fixable: "none", profiles: ALL_PROFILES, guideline: "seed guidelines (security best practices)" },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      const report = (n: import("../python.js").PyNode, what: string) =>
        ctx.report({
          file: mod.file,
          start: n.start,
          end: n.end,
          message: `${what}; credentials and data can be intercepted. Keep verification on (use a CA bundle if the server's certificate is private)`,
        });
      walkTypes(mod.root, ["keyword_argument", "attribute", "assignment", "call", "string"], (n) => {
        if (n.type === "keyword_argument" && mod.t(field(n, "name")) === "verify" && mod.t(field(n, "value")) === "False") report(n, "TLS certificate verification is disabled (verify=False)");
        if (n.type === "attribute" && /^ssl\.(_create_unverified_context|CERT_NONE)$/.test(mod.t(n))) report(n, `${mod.t(n)} disables certificate checks`);
        if (n.type === "assignment" && /\.(check_hostname|verify)$/.test(mod.t(field(n, "left"))) && mod.t(field(n, "right")) === "False") report(n, "host name verification is disabled");
        if (n.type === "call" && /(^|\.)disable_warnings$/.test(mod.calleePath(n))) report(n, "TLS warnings are silenced");
        if (n.type === "call" && /(^|\.)AutoAddPolicy$/.test(mod.calleePath(n))) report(n, "unknown SSH host keys are accepted (AutoAddPolicy)");
        if (n.type === "string" && /sslmode=(disable|allow)\b/.test(mod.t(n))) report(n, "the database connection allows unencrypted transport (sslmode)");
      });
    }
  },
});
