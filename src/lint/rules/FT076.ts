import { ALL_PROFILES, defineRule } from "../rule.js";
import { isHttpCall } from "../helpers.js";
import { field, findAll, unparen } from "../python.js";

export default defineRule({
  meta: {
    id: "FT076",
    severity: "warning",
    title: "Retry loop without an attempt cap or without exponential backoff",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "PR review rules (3-5 retries, exponential backoff); evaluation checklist",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      for (const loop of findAll(mod.root, (n) => n.type === "while_statement" || n.type === "for_statement")) {
        const body = field(loop, "body");
        if (!body) continue;
        const calls = findAll(body, "call");
        const sleeps = calls.filter((c) => /(^|\.)sleep$/.test(mod.calleePath(c)));
        if (!sleeps.length || !calls.some((c) => isHttpCall(mod, c))) continue;
        const cond = mod.t(field(loop, "condition"));
        const bodyText = mod.t(body);
        if (
          loop.type === "while_statement" &&
          /^(True|1)$/.test(cond) &&
          !/(attempt|retr|tries|deadline|max_)\w*\s*(>=|>|<|<=|==)|(>=|>|<|<=|==)\s*\w*(attempt|retr|tries|deadline|max_)|time\.(time|monotonic)\(\)\s*[-><]/i.test(bodyText)
        ) {
          ctx.report({
            file: mod.file,
            start: loop.start,
            end: body.start,
            message: "this retry loop has no attempt cap or deadline; a permanent failure retries forever. Limit it (3-5 attempts) and fail fast on 4xx",
          });
          continue;
        }
        const arg = unparen(mod.arg(sleeps[0], 0, "secs"));
        const constant = arg && (arg.type === "integer" || arg.type === "float" || (arg.type === "identifier" && /^_*[A-Z0-9_]+$/.test(mod.t(arg))));
        if (constant && !/\*\*|\*=|Retry-After|retry_after|backoff|<<|min\(|pow\(/i.test(bodyText)) {
          ctx.report({
            file: mod.file,
            start: sleeps[0].start,
            end: sleeps[0].end,
            severity: "info",
            message: "the retry waits a constant time; use exponential backoff (e.g. base * 2 ** attempt) and honour Retry-After",
          });
        }
      }
    }
  },
});
