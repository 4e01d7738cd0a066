import { ALL_PROFILES, defineRule } from "../rule.js";
import { ancestors, field, findAll, walkScope, type PyNode } from "../python.js";
import type { Module } from "../model.js";

function exits(mod: Module, loop: PyNode): boolean {
  let out = false;
  walkScope(field(loop, "body")!, (n) => {
    if (n.type === "return_statement" || n.type === "raise_statement") out = true;
    if (n.type === "break_statement") {
      const owner = ancestors(n).find((a) => a.type === "for_statement" || a.type === "while_statement");
      if (owner === loop) out = true;
    }
    if (n.type === "call" && /^(sys\.exit|exit|quit|os\._exit)$/.test(mod.calleePath(n))) out = true;
  });
  return out;
}

export default defineRule({
  meta: { id: "FT080", severity: "error", title: "Loop that cannot terminate", fixable: "none", profiles: ALL_PROFILES, guideline: "PR review rules; evaluation checklist (infinite loops)" },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const loop of findAll(mod.root, "while_statement")) {
        const cond = field(loop, "condition")!;
        const body = field(loop, "body");
        if (!body || exits(mod, loop)) continue;
        const ct = mod.t(cond);
        if (/^(True|1)$/.test(ct)) {
          ctx.report({ file: mod.file, start: loop.start, end: body.start, message: "while True has no break, return or raise; the sync never ends" });
          continue;
        }
        if (findAll(cond, "call").length || findAll(cond, "attribute").length || findAll(cond, "subscript").length) continue;
        const names = new Set(
          findAll(cond, "identifier")
            .map((i) => mod.t(i))
            .filter((n) => !["None", "True", "False", "and", "or", "not"].includes(n)),
        );
        if (names.size === 0) continue;
        const bodyText = mod.t(body);
        const changed = [...names].some((n) =>
          new RegExp(
            `(^|[^\\w.])${n}\\s*(=[^=]|[-+*/|&]=)|\\b${n}\\s*\\.\\w+\\(|\\b(for|del|global|nonlocal)\\s+[^\\n]*\\b${n}\\b|,\\s*${n}\\s*(,[^=\\n]*)?=[^=]|\\b${n}\\s*,[^=\\n]*=[^=]|\\b${n}\\s*:=`,
          ).test(bodyText),
        );
        if (!changed) ctx.report({ file: mod.file, start: loop.start, end: body.start, message: `nothing in the loop changes ${[...names].join(", ")} and nothing breaks out; the loop never ends` });
      }
  },
});
