import { ALL_PROFILES, defineRule } from "../rule.js";
import { statements } from "../helpers.js";
import type { FuncInfo } from "../model.js";
import type { Project } from "../project.js";
import { field, findAll, named } from "../python.js";

/**
 * Whether the function reads the configuration held in `name`: any use of it counts, except handing it to a
 * function of the project, which counts only when that function reads it in turn. A call that cannot be followed
 * (a library, *args, a function of that name not found) counts as a read: when unsure, keep the finding.
 */
function readsConfiguration(p: Project, f: FuncInfo, name: string, seen: Set<string>): boolean {
  const key = `${f.mod.file}:${f.node.start}:${name}`;
  if (seen.has(key)) return false;
  seen.add(key);
  const mod = f.mod;
  const body = field(f.node, "body");
  if (!body) return false;
  for (const id of findAll(body, "identifier")) {
    if (mod.t(id) !== name) continue;
    const kw = id.parent?.type === "keyword_argument" && field(id.parent, "value") === id ? id.parent : undefined;
    const args = kw ? kw.parent : id.parent;
    const call = args?.type === "argument_list" ? args.parent : undefined;
    if (call?.type !== "call") return true;
    const targets = p.funcsByName.get(mod.callee(call) ?? "") ?? [];
    if (targets.length === 0) return true;
    for (const g of targets) {
      let param: string | undefined;
      if (kw) param = g.params.find((x) => x.name === mod.t(field(kw, "name")))?.name;
      else {
        const i = named(args!).indexOf(id);
        const positional = g.params.filter((x) => x.kind === "positional" && x.name !== "self" && x.name !== "cls");
        param = positional[i]?.name;
      }
      if (param === undefined || readsConfiguration(p, g, param, seen)) return true;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: "FT05D",
    severity: "info",
    title: "No validate_configuration() at the top of update()",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "Fivetran PR review rules; template connector",
  },
  check(ctx) {
    const f = ctx.project.update;
    if (!f) return;
    const mod = f.mod;
    // A connector that never reads its configuration (a quickstart, a public API) has nothing to validate.
    const config = f.params.find((x) => x.kind === "positional");
    if (!config || !readsConfiguration(ctx.project, f, config.name, new Set())) return;
    const first = statements(field(f.node, "body")).find((s) => {
      const e = named(s)[0];
      if (s.type === "expression_statement" && e?.type === "string") return false;
      if (s.type === "expression_statement" && e?.type === "call" && mod.logMethod(e)) return false;
      return true;
    });
    const text = first ? mod.t(first) : "";
    if (/valid/i.test(text.split("\n")[0])) return;
    const name = field(f.node, "name")!;
    ctx.report({
      file: mod.file,
      start: name.start,
      end: name.end,
      message: "update() does not start by validating the configuration; call validate_configuration(configuration) first so bad input fails with a clear message",
    });
  },
});
