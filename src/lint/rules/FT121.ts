import { defineRule, EXAMPLES_ONLY, lineEndOf, lineStartOf } from "../rule.js";
import type { FuncInfo } from "../model.js";
import type { Project } from "../project.js";
import { field, named, walkScope, type PyNode } from "../python.js";

// Placeholders of the inserted template look like configuration placeholders (<...>), so a reader
// sees at once what is left to write; the rule keeps pointing at them until they are replaced.
const PLACEHOLDER = /<describe\b[^>\n]*>/;

export default defineRule({
  meta: { id: "FT121", severity: "info", title: "Every function has a docstring", fixable: "safe", profiles: EXAMPLES_ONLY, guideline: "Fivetran PR review rules (docstrings)" },
  check(ctx) {
    const p = ctx.project;
    for (const mod of p.modules)
      for (const f of mod.functions) {
        const body = field(f.node, "body");
        if (!body) continue;
        const first = named(body)[0];
        const n = field(f.node, "name")!;
        if (first?.type === "expression_statement" && named(first)[0]?.type === "string") {
          if (PLACEHOLDER.test(mod.t(first)))
            ctx.report({ file: mod.file, start: first.start, end: first.end, message: `the docstring of ${f.name}() still holds the template's <...> placeholders; say what it does` });
          continue;
        }
        const fix = insertion(p, f, first);
        ctx.report({ file: mod.file, start: n.start, end: n.end, message: `${f.name}() has no docstring; Fivetran examples document every function (purpose, Args, Returns)`, fix });
      }
  },
});

/**
 * The docstring goes on its own lines right after the `def ...:` header, before any comment that
 * opens the body, so a comment block above the first statement (FT122) stays next to it. A body
 * written on the header line (`def f(): return 1`) gets no fix: it would have to be reflowed.
 */
function insertion(p: Project, f: FuncInfo, first: PyNode | undefined): { description: string; edits: { start: number; end: number; newText: string }[] } | undefined {
  const mod = f.mod;
  const colon = [...f.node.children].reverse().find((c) => c.type === ":" && c.start < (field(f.node, "body")?.start ?? Infinity));
  if (!colon || !first) return undefined;
  const at = lineEndOf(mod.source, colon.start);
  const firstLineStart = lineStartOf(mod.source, first.start);
  if (at > firstLineStart || /\S/.test(mod.source.slice(firstLineStart, first.start))) return undefined;
  const indent = mod.source.slice(firstLineStart, first.start);
  // A header ending the file without a newline cannot happen here: a body follows it.
  return { description: `insert a docstring template for ${f.name}()`, edits: [{ start: at, end: at, newText: docstring(p, f, indent) }] };
}

function docstring(p: Project, f: FuncInfo, indent: string): string {
  const lines = templateFor(p, f);
  return `${indent}"""\n${lines.map((l) => (l ? `${indent}${l}` : "")).join("\n")}\n${indent}"""\n`;
}

/**
 * update() and schema() have roles the SDK fixes, and validate_configuration() one the examples
 * fix, so their text can be stated; other functions get placeholders to fill.
 */
function templateFor(p: Project, f: FuncInfo): string[] {
  const params = f.params.filter((x) => !(x.kind === "positional" && (x.name === "self" || x.name === "cls")) && x.name);
  if (f === p.update) {
    const [cfg, state] = params;
    return [
      "Runs on every sync: reads what changed in the source since the saved",
      "state, writes it with op.upsert / op.update / op.delete, and checkpoints",
      "progress as it goes.",
      "Args:",
      `    ${cfg?.name ?? "configuration"}: the connector's settings from configuration.json;`,
      "        every value is a string.",
      `    ${state?.name ?? "state"}: what the last op.checkpoint() saved; empty on the`,
      "        first sync and after a full re-sync.",
    ];
  }
  if (f === p.schema) {
    const [cfg] = params;
    return [
      "Declares the tables this connector writes and their primary keys. Column",
      "types are needed only where Fivetran's type inference would get them wrong.",
      "Args:",
      `    ${cfg?.name ?? "configuration"}: the connector's settings from configuration.json.`,
      "Returns:",
      "    A list of table definitions (table, primary_key and optional columns).",
    ];
  }
  if (f.name === "validate_configuration" && !f.className && params.length === 1) {
    return [
      "Checks that the configuration holds every value the connector needs, and",
      "raises ValueError naming the missing or malformed one, so a bad setting",
      "fails the sync at once with a clear message.",
      "Args:",
      `    ${params[0].name}: the connector's settings from configuration.json.`,
    ];
  }
  const out = [`<describe what ${f.name}() does and why>`];
  if (params.length) {
    out.push("Args:");
    for (const x of params) out.push(`    ${x.name}: <describe ${x.name}>`);
  }
  const { returns, yields } = outputs(f);
  if (yields) out.push("Yields:", "    <describe each yielded value>");
  else if (returns) out.push("Returns:", "    <describe the result>");
  return out;
}

function outputs(f: FuncInfo): { returns: boolean; yields: boolean } {
  let returns = false;
  walkScope(f.node, (x) => {
    if (x.type === "return_statement" && named(x).length > 0 && f.mod.t(named(x)[0]) !== "None") returns = true;
  });
  return { returns, yields: f.isGenerator };
}
