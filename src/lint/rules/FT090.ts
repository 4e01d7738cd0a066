import { ALL_PROFILES, defineRule } from "../rule.js";
import { isSecretName, PLACEHOLDER } from "../helpers.js";
import { field, named, walkTypes } from "../python.js";
import { SECRET_PATTERNS } from "./FT056.js";

const HEADER_KEYS = /^(authorization|x-api-key|api[-_]?key|apikey|password|x-auth-token|private[-_]?token|client_secret|access_token)$/i;

export default defineRule({
  meta: {
    id: "FT090",
    severity: "error",
    title: "Hard-coded credentials",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines (never expose credentials); evaluation checklist (security)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      const seen = new Set<number>();
      const flag = (n: import("../python.js").PyNode, why: string) => {
        if (seen.has(n.start)) return;
        seen.add(n.start);
        ctx.report({ file: mod.file, start: n.start, end: n.end, message: `${why}; code is not encrypted, configuration values are. Read it from configuration["..."] and rotate the secret` });
      };
      const literalSecret = (v: import("../python.js").PyNode | undefined) => {
        const s = mod.str(v);
        // Real keys mix letters and digits; words such as "NextToken" or "scroll_token" are names, not secrets.
        return (
          (s !== undefined && s.length >= 8 && /\d/.test(s) && /[A-Za-z]/.test(s) && !PLACEHOLDER.test(s.trim()) && !/\s/.test(s.trim()) && !/^https?:\/\//.test(s)) ||
          (s !== undefined && /^(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{12,}$/.test(s))
        );
      };
      walkTypes(mod.root, ["assignment", "default_parameter", "typed_default_parameter", "keyword_argument", "pair", "call", "string"], (n) => {
        if (n.type === "assignment" || n.type === "default_parameter" || n.type === "typed_default_parameter" || n.type === "keyword_argument") {
          const target = mod.t(field(n, n.type === "assignment" ? "left" : "name"));
          const v = field(n, n.type === "assignment" ? "right" : "value");
          if (isSecretName(target.split(".").pop()!) && literalSecret(v)) flag(v!, `'${target}' is assigned a literal secret`);
        }
        if (n.type === "pair" && HEADER_KEYS.test(mod.str(field(n, "key")) ?? "") && literalSecret(field(n, "value")))
          flag(field(n, "value")!, `the "${mod.str(field(n, "key"))}" value is a literal secret`);
        if (n.type === "call" && /(^|\.)HTTP(Basic|Digest)Auth$/.test(mod.calleePath(n))) {
          const args = mod.args(n).positional;
          if (args.length >= 2 && mod.str(args[1]) !== undefined && literalSecret(args[1])) flag(n, "the HTTP auth password is a literal");
        }
        if (n.type === "keyword_argument" && mod.t(field(n, "name")) === "auth" && field(n, "value")?.type === "tuple") {
          const items = named(field(n, "value")!);
          if (items.length === 2 && items.every((i) => mod.str(i) !== undefined) && literalSecret(items[1])) flag(field(n, "value")!, "auth= holds a literal user and password");
        }
        if (n.type === "string") {
          const s = mod.str(n);
          const hit = s !== undefined && SECRET_PATTERNS.find(([re]) => re.test(s));
          if (hit && !PLACEHOLDER.test(s)) flag(n, `the string contains ${hit[1]}`);
          return false;
        }
        return undefined;
      });
    }
  },
});
