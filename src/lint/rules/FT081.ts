import { ALL_PROFILES, defineRule, type RuleContext } from "../rule.js";
import { statements } from "../helpers.js";
import type { Module } from "../model.js";
import { ancestors, field, findAll, named, unparen, walk, type PyNode } from "../python.js";

export default defineRule({
  meta: { id: "FT081", severity: "warning", title: "Pagination end-of-data handled wrongly", fixable: "none", profiles: ALL_PROFILES, guideline: "PR review rules (exit conditions, empty pages)" },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const loop of [...findAll(mod.root, "while_statement"), ...findAll(mod.root, "for_statement")]) {
        const stmts = statements(field(loop, "body"));
        stmts.forEach((s, i) => {
          if (s.type !== "if_statement" || field(s, "alternative")) return;
          const m = /^not\s+([A-Za-z_][\w.]*)$/.exec(mod.t(field(s, "condition")).trim());
          if (!m) return;
          const x = m[1];
          const cons = mod.t(field(s, "consequence"));
          if (!/=\s*False\b/.test(cons) || /\b(break|continue|return|raise)\b/.test(cons)) return;
          const later = stmts.slice(i + 1);
          const uses = later.some((l) => new RegExp(`\\b${x.replace(".", "\\.")}\\s*\\[\\s*-?\\d+\\s*\\]`).test(mod.t(l)));
          if (uses)
            ctx.report({
              file: mod.file,
              start: s.start,
              end: s.end,
              message: `on an empty page the stop flag is set but the loop body continues and indexes ${x}[...], raising IndexError; add break`,
            });
        });
        if (loop.type === "while_statement") repeatedCursor(ctx, mod, loop);
      }
  },
});

// Names (or response keys) that carry a continuation: tokens, cursors, next links. Flags such as
// has_more also come from the response and drive the loop, but repeating them is not a bug.
const TOKEN = /token|cursor|next|url|link|continuation|marker|scroll|after|bookmark/i;
const FLAG = /^(has|is)_|more|done|finished|^(count|total|limit|size)$/i;

/**
 * (b) A token or next-URL loop that takes the next cursor from the response and never compares it
 * with the one it just used. An API that answers the last page with the same cursor (a known bug
 * of several APIs, and of proxies that cache) then makes the loop fetch that page forever.
 */
function repeatedCursor(ctx: RuleContext, mod: Module, loop: PyNode): void {
  const body = field(loop, "body");
  if (!body) return;
  const cond = field(loop, "condition");
  const scope = ancestors(loop).find((a) => a.type === "function_definition") ?? mod.root;
  // Only this loop's own code: not nested defs or lambdas inside it.
  const fnOf = (n: PyNode) => ancestors(n).find((a) => a.type === "function_definition" || a.type === "lambda");
  const loopFn = fnOf(loop);
  const own = (n: PyNode) => fnOf(n) === loopFn;
  const assigns = findAll(body, "assignment").filter(own);
  // Identifiers bound in this loop to a value read from a response (data["next"], body.get("cursor")).
  const fromResponse = new Map<string, PyNode>();
  for (const a of assigns) {
    const l = field(a, "left");
    const r = field(a, "right");
    if (l?.type === "identifier" && r && readsResponse(mod, r)) fromResponse.set(mod.t(l), a);
  }
  const reported = new Set<string>();
  for (const a of assigns) {
    const l = field(a, "left");
    const r = unparen(field(a, "right"));
    if (l?.type !== "identifier" || !r) continue;
    const name = mod.t(l);
    if (reported.has(name)) continue;
    // The value comes from the response directly, or through a name that did (new = data["next"]; token = new).
    const alias = r.type === "identifier" && fromResponse.has(mod.t(r)) && fromResponse.get(mod.t(r))!.start < a.start ? mod.t(r) : undefined;
    if (!alias && !readsResponse(mod, r)) continue;
    const keyText = alias ? mod.t(field(fromResponse.get(alias), "right")) : mod.t(r);
    const key = /["']([^"']+)["']/.exec(keyText)?.[1] ?? "";
    if (!(TOKEN.test(name) || TOKEN.test(key)) || FLAG.test(name) || FLAG.test(key)) continue;
    // It must drive the loop: tested by the loop condition, or used in the body before it is replaced.
    const drives = (cond && mentions(mod, cond, name)) || findAll(body, "identifier").some((id) => id.start < a.start && mod.t(id) === name && !isAssignTarget(id) && own(id));
    if (!drives) continue;
    const names = new Set([name, ...(alias ? [alias] : [])]);
    if (guarded(mod, scope, names)) continue;
    reported.add(name);
    ctx.report({
      file: mod.file,
      start: a.start,
      end: a.end,
      severity: "info",
      message: `guard against a repeated cursor: ${name} is taken from the response and never compared with the previous one, so an API that returns the same ${name} again makes this loop fetch the same page forever; stop (or raise) when it repeats`,
    });
  }
}

/** A value read out of a response: a subscript, a .get(...) call, an attribute, or `x or default` of one. */
function readsResponse(mod: Module, n: PyNode): boolean {
  n = unparen(n)!;
  if (!n) return false;
  if (n.type === "boolean_operator") return named(n).some((c) => readsResponse(mod, c));
  if (n.type === "conditional_expression") return readsResponse(mod, named(n)[0]);
  if (n.type === "subscript") return true;
  if (n.type === "attribute") return !/^(self|cls)$/.test(mod.t(field(n, "object")));
  if (n.type === "call") {
    const fn = field(n, "function");
    return fn?.type === "attribute" && mod.t(field(fn, "attribute")) === "get" && !/^(requests|session|self\.session|\w*session)$/i.test(mod.t(field(fn, "object")));
  }
  return false;
}

function mentions(mod: Module, n: PyNode, name: string): boolean {
  let hit = false;
  walk(n, (x) => {
    if (x.type === "identifier" && mod.t(x) === name) hit = true;
    return !hit;
  });
  return hit;
}

function isAssignTarget(id: PyNode): boolean {
  return id.field === "left" && id.parent?.type === "assignment";
}

/**
 * A comparison of the cursor with something that is not a literal: `if new == token`, `token in
 * seen`, `while url and url != previous`. Searched in the whole enclosing function, where a helper
 * variable for the previous cursor lives.
 */
function guarded(mod: Module, scope: PyNode, names: Set<string>): boolean {
  for (const c of findAll(scope, "comparison_operator")) {
    const ops = c.children.filter((x) => !x.named).map((x) => mod.t(x));
    if (!ops.some((o) => /^(==|!=|in|not in|not|is|is not)$/.test(o))) continue;
    const sides = named(c).filter((x) => x.type !== "comment");
    const withName = sides.filter((s) => [...names].some((nm) => mentions(mod, s, nm)));
    const others = sides.filter((s) => !withName.includes(s));
    if (withName.length === 0) continue;
    if (withName.length >= 2 && names.size > 1) return true;
    if (others.some((s) => !isLiteral(mod, s))) return true;
  }
  return false;
}

function isLiteral(mod: Module, n: PyNode): boolean {
  n = unparen(n)!;
  if (!n) return true;
  if (["string", "concatenated_string", "integer", "float", "none", "true", "false"].includes(n.type)) return true;
  if (n.type === "unary_operator") return isLiteral(mod, named(n)[0]);
  if (n.type === "tuple" || n.type === "list" || n.type === "set") return named(n).every((x) => isLiteral(mod, x));
  return false;
}
