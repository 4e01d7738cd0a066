import { ALL_PROFILES, defineRule } from "../rule.js";

export default defineRule({
  meta: { id: "FT004", severity: "error", title: "Connector() has no resolvable update function", fixable: "none", profiles: ALL_PROFILES, guideline: "docs: supported methods (update is required)" },
  check(ctx) {
    const cc = ctx.project.connectorCall;
    if (!cc) return;
    const { mod, call } = cc;
    const arg = mod.arg(call, 0, "update");
    if (!arg) ctx.report({ file: mod.file, start: call.start, end: call.end, message: "Connector() is created without an update function; pass update=update" });
    else if (arg.type === "call")
      ctx.report({
        file: mod.file,
        start: arg.start,
        end: arg.end,
        message: `update=${mod.t(arg)} calls the function instead of passing it; pass the function itself (update=${mod.t(arg).replace(/\(.*$/s, "")})`,
      });
    else if (!ctx.project.update && arg.type === "identifier")
      ctx.report({ file: mod.file, start: arg.start, end: arg.end, message: `'${mod.t(arg)}' does not resolve to a function defined in the project` });
  },
});
