import { ALL_PROFILES, defineRule } from "../rule.js";
import { configReads } from "../config.js";
import { field, named, walk, type PyNode } from "../python.js";
import type { Module } from "../model.js";

const NUMERIC_KW = new Set(["timeout", "port", "max_workers", "limit", "page_size", "per_page", "batch_size", "retries", "max_retries"]);
const NUMERIC_FN = /(^|\.)(range|sleep)$/;

// Truthiness is how code checks that a string is set; it is a bug only for keys that hold a flag.
const FLAG_KEY =
  /^(is|use|enable|enabled|disable|include|exclude|verify|allow|skip|debug|dry_run|should|has|sync|fetch|ssl|tls)(_|$)|_(enabled|disabled|flag|mode|ssl|tls|bool)$|^(ssl|tls|debug|verbose|incremental|sandbox|test_mode)$/i;

function misuse(mod: Module, n: PyNode, key: string): string | undefined {
  const par = n.parent!;
  const flag = FLAG_KEY.test(key) && !/(_ids?|_list|_date|_from|_to|_at|_names?|_tables?|_fields?|_columns?|_path|_url)$/i.test(key);
  if (flag && (par.type === "if_statement" || par.type === "elif_clause" || par.type === "while_statement") && field(par, "condition") === n) return 'as a condition ("false" is truthy)';
  if (flag && par.type === "not_operator") return 'with not ("false" is truthy)';
  if (par.type === "binary_operator" && ["integer", "float"].some((t) => named(par).some((c) => c !== n && c.type === t))) return "in arithmetic with a number";
  if (par.type === "comparison_operator" && named(par).some((c) => c !== n && (c.type === "integer" || c.type === "float"))) return "in a comparison with a number";
  if (par.type === "keyword_argument" && NUMERIC_KW.has(mod.t(field(par, "name")))) return `as ${mod.t(field(par, "name"))}=`;
  if (par.type === "argument_list" && NUMERIC_FN.test(mod.calleePath(par.parent!))) return `in ${mod.calleePath(par.parent!)}()`;
  return undefined;
}

export default defineRule({
  meta: {
    id: "FT058",
    severity: "warning",
    title: "Config string used as bool or number without conversion",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "docs: configuration.json (values are strings)",
  },
  check(ctx) {
    const { reads } = configReads(ctx.project);
    for (const r of reads) {
      if (r.kind !== "subscript" && r.kind !== "get") continue;
      const mod = r.mod;
      const direct = misuse(mod, r.node, r.key);
      if (direct) {
        ctx.report({ file: mod.file, start: r.node.start, end: r.node.end, message: `configuration "${r.key}" is a string, used ${direct}; convert it first (int(...), str(...).lower() == "true")` });
        continue;
      }
      const asg = r.node.parent;
      if (asg?.type !== "assignment" || field(asg, "left")?.type !== "identifier") continue;
      const name = mod.t(field(asg, "left"));
      const fn = mod.functionOf(asg);
      if (!fn) continue;
      let reported = false;
      walk(fn.node, (n) => {
        if (reported || n.start < asg.end || n.type !== "identifier" || mod.t(n) !== name) return;
        if (n.parent?.type === "assignment" && field(n.parent, "left") === n) {
          reported = true; // rebound: stop following
          return;
        }
        const how = misuse(mod, n, r.key);
        if (how) {
          reported = true;
          ctx.report({ file: mod.file, start: n.start, end: n.end, message: `'${name}' holds configuration "${r.key}", a string, and is used ${how}; convert it where it is read` });
        }
      });
    }
  },
});
