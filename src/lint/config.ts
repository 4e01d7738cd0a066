import type { JsonMember } from "./json.js";
import type { Module } from "./model.js";
import type { Project } from "./project.js";
import { perProject } from "./helpers.js";
import { ancestors, field, named, walkTypes, type PyNode } from "./python.js";

/** Reads of configuration keys through the configuration flow. */
export interface ConfigRead {
  mod: Module;
  node: PyNode;
  key: string;
  kind: "subscript" | "get" | "in" | "required-list";
  guarded: boolean;
}

export function configMembers(p: Project): JsonMember[] {
  return p.config?.json?.kind === "object" ? p.config.json.members : [];
}

export function configReads(p: Project): { reads: ConfigRead[]; dynamic: boolean } {
  // Three rules ask; FT053 sorts the list it gets, so each caller has its own copy.
  const r = configReadsOnce(p);
  return { reads: r.reads.slice(), dynamic: r.dynamic };
}
const configReadsOnce = perProject(configReadsOf);
function configReadsOf(p: Project): { reads: ConfigRead[]; dynamic: boolean } {
  const reads: ConfigRead[] = [];
  let dynamic = false;
  // One guard pattern per key, not one per subscript read.
  const guards = new Map<string, RegExp>();
  for (const [f, names] of p.configNames) {
    const mod = f.mod;
    walkTypes(f.node, ["subscript", "call", "comparison_operator", "for_statement", "assignment"], (n) => {
      if (n.type === "subscript" && names.has(mod.t(field(n, "value")))) {
        const key = mod.str(field(n, "subscript"));
        if (key === undefined) dynamic = true;
        else {
          let guardRe = guards.get(key);
          if (!guardRe) guards.set(key, (guardRe = new RegExp(`["']${key}["']\\s+in\\s+|\\.get\\(\\s*["']${key}["']`)));
          const guarded = ancestors(n).some(
            (a) =>
              (a.type === "if_statement" || a.type === "elif_clause" || a.type === "conditional_expression" || a.type === "boolean_operator") &&
              guardRe.test(mod.t(a.type === "if_statement" || a.type === "elif_clause" ? field(a, "condition") : a)),
          );
          reads.push({ mod, node: n, key, kind: "subscript", guarded });
        }
      }
      if (n.type === "call") {
        const fn = field(n, "function");
        const obj = fn?.type === "attribute" ? mod.t(field(fn, "object")) : "";
        const m = fn?.type === "attribute" ? mod.t(field(fn, "attribute")) : "";
        if (names.has(obj) && m === "get") {
          const key = mod.str(mod.args(n).positional[0]);
          if (key === undefined) dynamic = true;
          else reads.push({ mod, node: n, key, kind: "get", guarded: true });
        }
        if (names.has(obj) && ["items", "keys", "values", "copy"].includes(m)) dynamic = true;
        for (const a of named(field(n, "arguments") ?? n)) if (a.type === "dictionary_splat" && names.has(mod.t(named(a)[0]))) dynamic = true;
      }
      if (n.type === "comparison_operator" && /\bin\b/.test(mod.t(n))) {
        const [l, r] = named(n);
        const key = mod.str(l);
        if (key !== undefined && r && names.has(mod.t(r))) reads.push({ mod, node: l, key, kind: "in", guarded: true });
      }
      if (n.type === "for_statement" && names.has(mod.t(field(n, "right")))) dynamic = true;
      if (n.type === "assignment" && /required/i.test(mod.t(field(n, "left"))) && field(n, "right")?.type === "list") {
        for (const item of named(field(n, "right")!)) {
          const key = mod.str(item);
          if (key !== undefined) reads.push({ mod, node: item, key, kind: "required-list", guarded: false });
        }
      }
    });
  }
  return { reads, dynamic };
}

/** Names of ConfigurationForm fields (form_field.*(name="...")), which count as declared keys. */
export function formFieldNames(p: Project): Set<string> {
  return new Set(formFieldNamesOnce(p));
}
const formFieldNamesOnce = perProject(formFieldNamesOf);
function formFieldNamesOf(p: Project): Set<string> {
  const out = new Set<string>();
  for (const mod of p.modules)
    for (const c of mod.calls) {
      if (!/(^|\.)(form_field\.\w+|\w*Field)$/.test(mod.calleePath(c))) continue;
      const n = mod.str(mod.args(c).keywords.get("name"));
      if (n) out.add(n);
    }
  return out;
}
