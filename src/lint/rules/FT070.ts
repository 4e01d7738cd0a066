import { ALL_PROFILES, defineRule } from "../rule.js";
import { findAll, named, unparen } from "../python.js";

export default defineRule({
  meta: {
    id: "FT070",
    severity: "error",
    title: "exit() / quit() / sys.exit() / os._exit()",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "Fivetran SDK reference (never exit; raise); evaluation checklist",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      for (const call of mod.calls) {
        const path = mod.calleePath(call);
        if (!/^(exit|quit|sys\.exit|os\._exit)$/.test(path) || mod.inMain(call)) continue;
        const a = mod.args(call);
        const arg = unparen(a.positional[0]);
        let fix;
        if (call.parent?.type === "expression_statement" && path !== "os._exit") {
          const s = arg ? mod.str(arg) : undefined;
          const code = arg?.type === "integer" ? Number(mod.t(arg)) : undefined;
          const msg = s !== undefined || mod.isFString(arg) ? mod.t(arg) : code !== undefined && code !== 0 ? JSON.stringify(`connector stopped with exit code ${code}`) : undefined;
          if (msg) fix = { description: "raise RuntimeError instead", edits: [{ start: call.start, end: call.end, newText: `raise RuntimeError(${msg})` }] };
        }
        ctx.report({
          file: mod.file,
          start: call.start,
          end: call.end,
          message: `${path}() bypasses the SDK's error reporting${path === "os._exit" ? " and kills the runtime without flushing" : ""}; raise RuntimeError(...) to fail the sync, or return from update() to stop early`,
          fix,
        });
      }
      for (const n of findAll(mod.root, "raise_statement")) {
        if (/^SystemExit\b/.test(mod.t(named(n)[0])) && !mod.inMain(n))
          ctx.report({ file: mod.file, start: n.start, end: n.end, message: "raise SystemExit bypasses the SDK's error reporting; raise RuntimeError(...) instead" });
      }
    }
  },
});
