import type { Module } from "../model.js";
import { ALL_PROFILES, defineRule } from "../rule.js";
import { field, findAll, walk, walkTypes } from "../python.js";
import { insertLine } from "../helpers.js";

const CANONICAL: Record<string, string> = { op: "Operations as op", log: "Logging as log", Connector: "Connector" };

/** Every name the module binds anywhere (imports, assignments, parameters, defs, loop targets). */
export function boundNames(mod: Module): Set<string> {
  const out = new Set<string>();
  for (const imp of mod.imports) for (const n of imp.names) out.add((n.alias ?? n.name).split(".")[0]);
  walkTypes(
    mod.root,
    [
      "assignment",
      "augmented_assignment",
      "for_statement",
      "for_in_clause",
      "function_definition",
      "class_definition",
      "parameters",
      "lambda_parameters",
      "as_pattern_target",
      "named_expression",
      "global_statement",
      "nonlocal_statement",
    ],
    (n) => {
      const add = (x: import("../python.js").PyNode | undefined) => x && walk(x, (i) => void (i.type === "identifier" && out.add(mod.t(i))));
      if (n.type === "assignment" || n.type === "augmented_assignment") add(field(n, "left"));
      if (n.type === "for_statement" || n.type === "for_in_clause") add(field(n, "left"));
      if (n.type === "function_definition" || n.type === "class_definition") add(field(n, "name"));
      if (n.type === "parameters" || n.type === "lambda_parameters") add(n);
      if (n.type === "as_pattern_target" || n.type === "named_expression") add(n.type === "named_expression" ? field(n, "name") : n);
      if (n.type === "global_statement" || n.type === "nonlocal_statement") add(n);
    },
  );
  return out;
}

export default defineRule({
  meta: {
    id: "FT002",
    severity: "error",
    title: "SDK names used but not imported",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines: required imports; Fivetran template connector",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      const bound = boundNames(mod);
      const used = new Map<string, import("../python.js").PyNode>();
      for (const n of findAll(mod.root, "attribute")) {
        const o = field(n, "object");
        if (o?.type === "identifier" && (mod.t(o) === "op" || mod.t(o) === "log") && !used.has(mod.t(o))) used.set(mod.t(o), o);
      }
      for (const n of mod.calls) {
        const f = field(n, "function");
        if (f?.type === "identifier" && mod.t(f) === "Connector" && !used.has("Connector")) used.set("Connector", f);
      }
      const missing = [...used].filter(([name]) => !bound.has(name));
      if (missing.length === 0) continue;
      const line = `from fivetran_connector_sdk import ${missing.map(([n]) => CANONICAL[n]).join(", ")}`;
      for (const [name, node] of missing) {
        ctx.report({
          file: mod.file,
          start: node.start,
          end: node.end,
          message: `'${name}' is used but never imported in ${mod.file}; the module raises NameError. Add: ${line}`,
          fix: { description: `insert '${line}' after the imports`, edits: [insertLine(mod, line)] },
        });
      }
    }
  },
});
