import { ALL_PROFILES, defineRule } from "../rule.js";
import { isSecretName } from "../helpers.js";
import { configNamesAt } from "../project.js";
import { field, named, walk, type PyNode } from "../python.js";

export default defineRule({
  meta: {
    id: "FT046",
    severity: "warning",
    title: "Secrets, full configuration or full records in logs",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "PR review rules (no secrets in logs); evaluation checklist (security)",
  },
  check(ctx) {
    const p = ctx.project;
    for (const mod of p.modules)
      for (const call of mod.calls) {
        const isLog = !!mod.logMethod(call) || mod.calleePath(call) === "print";
        if (!isLog) continue;
        const cfg = configNamesAt(p, call, mod);
        const exprs: PyNode[] = [];
        for (const a of named(field(call, "arguments") ?? call)) {
          walk(a, (n) => {
            if (n.type === "interpolation") exprs.push(named(n)[0]);
            if (n.parent === a && a.type !== "string" && (n.type === "identifier" || n.type === "attribute")) exprs.push(n);
            if (n === a && (n.type === "identifier" || n.type === "attribute")) exprs.push(n);
            if (n.type === "call" && /\.format$/.test(mod.calleePath(n))) named(field(n, "arguments")!).forEach((x) => exprs.push(x));
            // A value concatenated into the message ("token " + configuration["api_token"]) is logged whole; one
            // sliced or passed to a call first (configuration["api_key"][:4]) is not, so only + chains count.
            if (n.type === "subscript" && concatenatedInto(n, a)) exprs.push(n);
          });
        }
        for (const e of exprs) {
          if (!e) continue;
          const t = mod.t(e);
          const tail = t.split(".").pop()!;
          let why: string | undefined;
          if (e.type === "identifier" || e.type === "attribute") {
            if (isSecretName(tail)) why = `the secret '${t}'`;
            else if (cfg.has(t)) why = "the whole configuration";
            else if (/^(headers|auth|record|row)$/.test(tail)) why = `the whole '${t}' object`;
          } else if (e.type === "subscript" && cfg.has(mod.t(field(e, "value")))) {
            const k = mod.str(field(e, "subscript"));
            if (k && isSecretName(k)) why = `the secret configuration value '${k}'`;
          }
          if (why)
            ctx.report({ file: mod.file, start: e.start, end: e.end, message: `this log message includes ${why}; logs are visible in the dashboard. Log an identifier or a masked value instead` });
        }
      }
  },
});

/** Is the node the argument itself or inside it only through + (and parentheses)? */
function concatenatedInto(n: PyNode, arg: PyNode): boolean {
  for (let p = n; p !== arg; p = p.parent!) {
    if (!p.parent || (p.parent.type !== "binary_operator" && p.parent.type !== "parenthesized_expression" && p.parent !== arg)) return false;
  }
  return true;
}
