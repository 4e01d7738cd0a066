import { ALL_PROFILES, defineRule } from "../rule.js";
import { statements, writesIn } from "../helpers.js";
import { field, named, unparen } from "../python.js";

export default defineRule({
  meta: { id: "FT082", severity: "warning", title: "Whole dataset loaded into memory", fixable: "none", profiles: ALL_PROFILES, guideline: "Fivetran coding principles (stream, paginate); docs troubleshooting (memory); runtime has 1 GB" },
  check(ctx) {
    const p = ctx.project;
    for (const mod of p.modules) {
      for (const call of mod.calls) {
        const fn = field(call, "function");
        const attr = fn?.type === "attribute" ? mod.t(field(fn, "attribute")) : "";
        const inSchema = p.schema && call.start >= p.schema.node.start && call.end <= p.schema.node.end;
        if (attr === "fetchall") {
          const fnInfo = mod.functionOf(call);
          const limited = fnInfo && /\bLIMIT\s+\d+/i.test(mod.t(fnInfo.node));
          ctx.report({ file: mod.file, start: call.start, end: call.end, severity: limited || inSchema ? "info" : "warning", message: "fetchall() loads the whole result into memory (the runtime has 1 GB); iterate with fetchmany(batch_size) and checkpoint per batch" });
        }
        if (/^(pd|pandas)\.read_(csv|json|excel|sql|parquet)$/.test(mod.calleePath(call))) {
          const a = mod.args(call);
          if (!a.keywords.has("chunksize") && !a.keywords.has("nrows")) ctx.report({ file: mod.file, start: call.start, end: call.end, severity: "info", message: `${mod.calleePath(call)}() reads the whole file into memory; pass chunksize= to stream it` });
        }
      }
      // A list filled across pages and written only after the loop.
      for (const f of mod.functions) {
        const stmts = statements(field(f.node, "body"));
        stmts.forEach((s, i) => {
          const a = named(s)[0];
          if (a?.type !== "assignment" || unparen(field(a, "right"))?.type !== "list" || named(field(a, "right")!).length) return;
          const name = mod.t(field(a, "left"));
          const loopIdx = stmts.findIndex((x, j) => j > i && x.type === "while_statement");
          if (loopIdx < 0) return;
          const loop = stmts[loopIdx];
          const grows = new RegExp(`\\b${name}\\s*(\\.(extend|append)\\(|\\+=)`).test(mod.t(loop));
          if (!grows || writesIn(p, mod, loop)) return;
          const after = stmts.slice(loopIdx + 1).some((x) => new RegExp(`\\b${name}\\b`).test(mod.t(x)) && writesIn(p, mod, x));
          if (after) ctx.report({ file: mod.file, start: a.start, end: a.end, message: `'${name}' collects every page before anything is written; write and checkpoint each page inside the loop instead` });
        });
      }
    }
  },
});
