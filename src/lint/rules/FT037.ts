import { ALL_PROFILES, defineRule } from "../rule.js";
import { dictKeys, normaliseIdentifier, opCalls, opTable, schemaTables } from "../helpers.js";
import type { PyNode } from "../python.js";
import type { Module } from "../model.js";

/** DuckDB's reserved keywords (keyword_category = 'reserved' in duckdb_keywords()), checked by a test against DuckDB. */
export const DUCKDB_RESERVED = new Set(
  "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create default deferrable desc describe distinct do else end except false fetch for foreign from group having in initially intersect into lambda lateral leading limit not null offset on only or order pivot pivot_longer pivot_wider placing primary qualify references returning select show some summarize symmetric table then to trailing true union unique unpivot using variadic when where window with".split(
    " ",
  ),
);

export default defineRule({
  meta: {
    id: "FT037",
    severity: "info",
    title: "Names the destination normalises, reserved words, or collisions",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "docs: supported operations (renaming rules); docs troubleshooting (reserved words in local debug)",
  },
  check(ctx) {
    const p = ctx.project;
    const seen = new Set<string>();
    const one = (mod: Module, name: string, node: PyNode, what: string) => {
      const k = `${mod.file}:${node.start}`;
      if (seen.has(k)) return;
      seen.add(k);
      // SDK 3.0.0's local debug quotes names: tables and columns called group, order or select are
      // created and filled (checked with the real SDK). Older releases are not known to, so a reserved
      // word there is a note, not a claim.
      if (DUCKDB_RESERVED.has(name.toLowerCase())) {
        if (!ctx.sdkAtLeast("3.0.0"))
          ctx.report({
            file: mod.file,
            start: node.start,
            end: node.end,
            message: `${what} "${name}" is a SQL reserved word; SDK ${ctx.targetSdk}'s local debug may not quote it (3.0.0 does). Test it locally, or rename it (e.g. "${name}_")`,
          });
      } else if (!/^[a-z_][a-z0-9_]*$/.test(name))
        ctx.report({ file: mod.file, start: node.start, end: node.end, message: `${what} "${name}" will be renamed to "${normaliseIdentifier(name)}" in the destination` });
    };
    const collide = (mod: Module, names: { name: string; node: PyNode }[], what: string) => {
      const byNorm = new Map<string, string>();
      for (const { name, node } of names) {
        const n = normaliseIdentifier(name);
        const prev = byNorm.get(n);
        if (prev !== undefined && prev !== name)
          ctx.report({ file: mod.file, start: node.start, end: node.end, severity: "error", message: `${what} "${name}" and "${prev}" both become "${n}" in the destination` });
        else byNorm.set(n, name);
      }
    };
    const { tables } = schemaTables(p);
    for (const t of tables) {
      if (t.name !== undefined) one(t.mod, t.name, t.nameNode!, "table");
      const cols = dictKeys(t.mod, t.entries.find((e) => e.key === "columns")?.value) ?? [];
      for (const c of cols) one(t.mod, c.key, c.keyNode, "column");
      collide(
        t.mod,
        cols.map((c) => ({ name: c.key, node: c.keyNode })),
        "column",
      );
    }
    if (tables[0])
      collide(
        tables[0].mod,
        tables.filter((t) => t.name).map((t) => ({ name: t.name!, node: t.nameNode! })),
        "table",
      );
    for (const { mod, call, method } of opCalls(p)) {
      if (!["upsert", "update", "delete", "truncate"].includes(method)) continue;
      const { name, node } = opTable(mod, call);
      if (name !== undefined && mod.str(node) !== undefined) one(mod, name, node!, "table");
      const keys = dictKeys(mod, mod.arg(call, 1, method === "upsert" ? "data" : method === "update" ? "modified" : "keys")) ?? [];
      for (const k of keys) one(mod, k.key, k.keyNode, "column");
      collide(
        mod,
        keys.map((k) => ({ name: k.key, node: k.keyNode })),
        "column",
      );
    }
  },
});
