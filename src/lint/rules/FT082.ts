import { ALL_PROFILES, defineRule } from "../rule.js";
import { lastAssignment, statements, writesIn } from "../helpers.js";
import { field, findAll, named, unparen, type PyNode } from "../python.js";
import type { Module } from "../model.js";

const METADATA =
  /\b(information_schema|pg_catalog|pg_index|pg_attribute|sqlite_master|all_tab_columns|all_constraints|user_tab_columns|sys\.(tables|columns|indexes|objects|schemas)|sysobjects|syscolumns|sysindexes)\b|^\s*(SHOW|DESCRIBE|DESC|PRAGMA|EXPLAIN)\b|^\s*EXEC(UTE)?\s+sp_help/i;
const BOUNDED =
  /^\s*FETCH\s+(\d+|\{|%s)|\bLIMIT\s+(\d+|%s|\?|:\w+|\{)|\bTOP\s*\(?\s*\d+|\bFETCH\s+(FIRST|NEXT)\s+\d+|^\s*SELECT\s+(COUNT|MAX|MIN|SUM|AVG)\s*\([^)]*\)\s*(AS\s+\w+\s*)?(FROM\b[^;]*)?$/i;
/** A name that says the query reads the catalogue (primary_key_query, column_sql). */
const METADATA_NAME = /(primary_key|pk|column|table|schema|metadata|count|constraint|index)\w*_?(query|sql|stmt)$/i;

/** The text of the SQL the last execute() before the fetchall() ran, when it can be read. */
function queryBefore(mod: Module, scope: PyNode, fetch: PyNode): string | undefined {
  // execute(), execute_with_retry() and the like: the SQL is their first argument.
  const exec = findAll(scope, "call")
    .filter((c) => c.end <= fetch.start || isReceiverOf(c, fetch))
    .filter((c) => /^execute/.test(mod.callee(c) ?? ""))
    .at(-1);
  const arg = exec ? unparen(mod.arg(exec, 0, "operation") ?? mod.arg(exec, 0, "query")) : undefined;
  if (!arg) return undefined;
  if (arg.type === "attribute") return METADATA_NAME.test(mod.t(field(arg, "attribute"))) ? "information_schema" : undefined;
  if (arg.type === "identifier") {
    if (METADATA_NAME.test(mod.t(arg))) return "information_schema";
    const v = lastAssignment(mod, scope, mod.t(arg), exec!.start);
    return v ? mod.t(v) : undefined;
  }
  return mod.t(arg).replace(/^[a-zA-Z]*["']{1,3}|["']{1,3}$/g, "");
}
function isReceiverOf(c: PyNode, fetch: PyNode): boolean {
  return c.start >= fetch.start && c.end <= fetch.end;
}

export default defineRule({
  meta: {
    id: "FT082",
    severity: "warning",
    title: "Whole dataset loaded into memory",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "Fivetran coding principles (stream, paginate); docs troubleshooting (memory); runtime has 1 GB",
  },
  check(ctx) {
    const p = ctx.project;
    for (const mod of p.modules) {
      for (const call of mod.calls) {
        const fn = field(call, "function");
        const attr = fn?.type === "attribute" ? mod.t(field(fn, "attribute")) : "";
        const inSchema = p.schema && call.start >= p.schema.node.start && call.end <= p.schema.node.end;
        if (attr === "fetchall") {
          const fnInfo = mod.functionOf(call);
          const sql = queryBefore(mod, fnInfo?.node ?? mod.root, call);
          // A catalogue lookup or an aggregate returns a handful of rows, whatever the table size.
          if (sql !== undefined && (METADATA.test(sql) || BOUNDED.test(sql))) continue;
          const limited = fnInfo && /\bLIMIT\s+\d+/i.test(mod.t(fnInfo.node));
          ctx.report({
            file: mod.file,
            start: call.start,
            end: call.end,
            severity: limited || inSchema ? "info" : "warning",
            message: "fetchall() loads the whole result into memory (the runtime has 1 GB); iterate with fetchmany(batch_size) and checkpoint per batch",
          });
        }
        if (/^(pd|pandas)\.read_(csv|json|excel|sql|parquet)$/.test(mod.calleePath(call))) {
          const a = mod.args(call);
          if (!a.keywords.has("chunksize") && !a.keywords.has("nrows"))
            ctx.report({ file: mod.file, start: call.start, end: call.end, severity: "info", message: `${mod.calleePath(call)}() reads the whole file into memory; pass chunksize= to stream it` });
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
          if (after)
            ctx.report({ file: mod.file, start: a.start, end: a.end, message: `'${name}' collects every page before anything is written; write and checkpoint each page inside the loop instead` });
        });
      }
    }
  },
});
