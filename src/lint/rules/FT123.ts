import { defineRule, EXAMPLES_ONLY } from "../rule.js";
import { field, named, unparen } from "../python.js";
import type { Module } from "../model.js";

/**
 * The names other modules of the folder take from this one (`from config import API_CONFIGURATIONS`,
 * `import config` then `config.API_CONFIGURATIONS`): public by use, so renaming them to __NAME would break the
 * importer. "*" when a module imports everything from it (a star import skips __names).
 */
function importedNames(modules: Module[], mod: Module): Set<string> {
  // A package's __init__.py is imported by the package's name.
  const parts = mod.file.replace(/\.py$/, "").split("/");
  const stem = parts.at(-1) === "__init__" && parts.length > 1 ? parts.at(-2)! : parts.at(-1)!;
  const out = new Set<string>();
  for (const other of modules) {
    if (other === mod) continue;
    for (const i of other.imports) {
      const last = i.module.split(".").at(-1);
      if (i.isFrom && last === stem) for (const n of i.names) out.add(n.name);
      // The module itself imported under a name: its attributes used through that name.
      const aliases = i.isFrom ? i.names.filter((n) => n.name === stem).map((n) => n.alias ?? n.name) : i.names.filter((n) => n.name.split(".").at(-1) === stem).map((n) => n.alias ?? n.name);
      for (const a of aliases) for (const m of other.source.matchAll(new RegExp(`(?<![\\w.])${a.replace(/\./g, "\\.")}\\.([A-Za-z_]\\w*)`, "g"))) out.add(m[1]);
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: "FT123",
    severity: "info",
    title: "Constants are __UPPER_SNAKE at module top; no magic numbers",
    fixable: "none",
    profiles: EXAMPLES_ONLY,
    guideline: "Python coding standards; PR review rules",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      const imported = importedNames(ctx.project.modules, mod);
      for (const c of mod.root.children) {
        const a = c.type === "expression_statement" ? named(c)[0] : undefined;
        const left = a?.type === "assignment" ? field(a, "left") : undefined;
        if (left?.type !== "identifier") continue;
        const name = mod.t(left);
        if (imported.has(name) || imported.has("*")) continue;
        if (/^[A-Z][A-Z0-9_]*$/.test(name)) ctx.report({ file: mod.file, start: left.start, end: left.end, message: `constant ${name} should be private: __${name}` });
      }
      for (const call of mod.calls) {
        if (!/(^|\.)(range|sleep|fetchmany)$/.test(mod.calleePath(call))) continue;
        for (const arg of mod.args(call).positional) {
          const v = unparen(arg)!;
          if ((v.type === "integer" || v.type === "float") && !["0", "1"].includes(mod.t(v)))
            ctx.report({ file: mod.file, start: v.start, end: v.end, message: `magic number ${mod.t(v)}; name it as a __CONSTANT at the top of the module` });
        }
      }
    }
  },
});
