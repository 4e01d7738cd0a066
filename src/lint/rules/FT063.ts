import { existsSync } from "node:fs";
import { join } from "node:path";
import { ALL_PROFILES, defineRule } from "../rule.js";
import { declared } from "../deps.js";
import { distsFor, looselyProvides, PREINSTALLED, REQUESTS_DEPS, STDLIB } from "../stdlib.js";
import { normalizeName } from "../requirements.js";
import { ancestors } from "../python.js";

export default defineRule({
  meta: { id: "FT063", severity: "error", title: "Import not resolvable", fixable: "suggest", profiles: ALL_PROFILES, guideline: "docs: managing project dependencies (list every library you use)" },
  check(ctx) {
    const p = ctx.project;
    const d = declared(p);
    const names = new Set((d?.reqs ?? []).map((r) => r.normalized));
    for (const mod of p.modules) for (const imp of mod.imports) {
      if (imp.level > 0) continue;
      const fulls = imp.isFrom ? [imp.module] : imp.names.map((n) => n.name);
      for (const full of fulls) {
        const top = full.split(".")[0]!;
        if (!top || STDLIB.has(top) || PREINSTALLED.has(top)) continue;
        if (existsSync(join(p.dir, `${top}.py`)) || existsSync(join(p.dir, top))) continue;
        const dists = distsFor(top, full).map(normalizeName);
        if (dists.some((x) => names.has(x)) || [...names].some((n) => looselyProvides(n, top)) || (top === "google" || top === "azure") && [...names].some((n) => n.startsWith(`${top}-`))) continue;
        // An import guarded by `except ImportError` is optional by design.
        if (ancestors(imp.node).some((a) => a.type === "try_statement" && /ImportError|ModuleNotFoundError/.test(mod.t(a)))) continue;
        const transitive = REQUESTS_DEPS.has(top);
        ctx.report({
          file: mod.file, start: imp.node.start, end: imp.node.end, severity: transitive ? "info" : "error",
          message: transitive ? `${top} comes with requests today; declare it if you rely on a specific version` : `'${top}' is neither standard library, pre-installed, a project module nor declared in ${d?.file ?? "requirements.txt"}; the connector fails with ImportError. Add ${dists[0]}==<version>`,
          fix: transitive || !p.requirements ? undefined : { description: `declare ${dists[0]} (pin the version you tested)`, safe: false, edits: [{ file: p.requirements.file, start: p.requirements.text.length, end: p.requirements.text.length, newText: `${p.requirements.text.endsWith("\n") || !p.requirements.text ? "" : "\n"}${dists[0]}\n` }] },
        });
      }
    }
  },
});
