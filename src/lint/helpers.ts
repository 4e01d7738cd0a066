import type { FuncInfo, Module } from "./model.js";
import type { Project } from "./project.js";
import { ancestors, field, findAll, named, unparen, walk, walkTypes, type PyNode } from "./python.js";

/** Queries several rules share. */
export interface CallSite {
  mod: Module;
  call: PyNode;
  method: string;
}

/**
 * Many rules ask the same project-wide questions in one lint (twelve rules want the op calls, ten the
 * schema tables). A project is built afresh for each lint run, so its answers are computed once per
 * project; callers get their own copy of the list, since some sort or filter it in place.
 */
export function perProject<T>(compute: (p: Project) => T): (p: Project) => T {
  const memo = new WeakMap<Project, T>();
  return (p) => {
    if (memo.has(p)) return memo.get(p)!;
    const v = compute(p);
    memo.set(p, v);
    return v;
  };
}

/** The project's calls whose method `methodOf` names (op.upsert, log.info, ...), found once per project. */
function callSites(methodOf: (mod: Module, call: PyNode) => string | undefined): (p: Project) => CallSite[] {
  const once = perProject((p) => {
    const out: CallSite[] = [];
    for (const mod of p.modules)
      for (const call of mod.calls) {
        const method = methodOf(mod, call);
        if (method) out.push({ mod, call, method });
      }
    return out;
  });
  return (p) => once(p).slice();
}

export const opCalls = callSites((mod, call) => mod.opMethod(call));
export const logCalls = callSites((mod, call) => mod.logMethod(call));

/** The log calls whose method `renames` maps to another name, with the method's name node (what a fix rewrites). */
export function logRenames(p: Project, renames: Record<string, string>): { mod: Module; method: string; to: string; attr: PyNode }[] {
  return logCalls(p).flatMap(({ mod, call, method }) => {
    const to = renames[method];
    return to ? [{ mod, method, to, attr: field(field(call, "function"), "attribute")! }] : [];
  });
}

export const SECRET_NAME = /(^|_)(token|secret|password|passwd|pwd|api_?key|apikey|credentials?|private_?key|client_secret|access_?key|auth)$/i;
export const SECRET_EXCLUDE = /(_ttl|_expires?(_at|_in)?|_expiry|_at|_url|_uri|_type|_name|_endpoint|_header|_field|_path)$/i;

export function isSecretName(name: string): boolean {
  const n = name.replace(/^self\./, "").replace(/^_+/, "");
  return SECRET_NAME.test(n) && !SECRET_EXCLUDE.test(n) && !/^(masked|redacted|hashed|obfuscated|truncated|safe|has|is|num|len)_/i.test(n);
}

export const PLACEHOLDER = /^<.*>$|^YOUR_|YOUR[_-]|^x{3,}$|example\.(com|org)|^\$\{.*\}$|^ENCRYPTED:v1:|^\*+$|^(changeme|placeholder|dummy|test|sample)$|^$/i;

const HTTP_VERBS = new Set(["get", "post", "put", "patch", "delete", "head", "request", "options"]);

/** An HTTP call: requests.<verb>, <session>.<verb>, urlopen, http.client connections. */
export function isHttpCall(mod: Module, call: PyNode): boolean {
  const path = mod.calleePath(call);
  const parts = path.split(".");
  const last = parts[parts.length - 1] ?? "";
  if (parts.length === 2 && mod.requests.has(parts[0]) && HTTP_VERBS.has(last)) return true;
  if (parts.length >= 2 && HTTP_VERBS.has(last) && /session$/i.test(parts[parts.length - 2])) return true;
  if (/(^|\.)urlopen$/.test(path)) return true;
  if (/^(http\.client\.)?HTTPS?Connection$/.test(path)) return true;
  if (/^requests\.Session\(\)/.test(mod.t(field(call, "function")))) return HTTP_VERBS.has(last);
  return false;
}

export function loopAncestors(n: PyNode, stopAt?: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (const a of ancestors(n)) {
    if (a === stopAt || a.type === "function_definition" || a.type === "lambda") break;
    if (a.type === "for_statement" || a.type === "while_statement") out.push(a);
  }
  return out;
}

export function funcsCalled(p: Project, f: FuncInfo): FuncInfo[] {
  return [...f.calls].flatMap((c) => p.funcsByName.get(c) ?? []);
}

/** Does the subtree call a checkpoint, directly or through a project function? */
export function subtreeCalls(p: Project, mod: Module, n: PyNode, set: Set<FuncInfo>, direct: (c: PyNode) => boolean): boolean {
  let hit = false;
  walk(n, (x) => {
    if (hit) return false;
    if (x.type === "call") {
      if (direct(x)) hit = true;
      else {
        const name = mod.callee(x);
        if (name && (p.funcsByName.get(name) ?? []).some((g) => set.has(g))) hit = true;
      }
    }
    return undefined;
  });
  return hit;
}

export function writesIn(p: Project, mod: Module, n: PyNode): boolean {
  return subtreeCalls(p, mod, n, p.writes, (c) => {
    const m = mod.opMethod(c);
    return !!m && ["upsert", "update", "delete", "truncate"].includes(m);
  });
}
export function checkpointsIn(p: Project, mod: Module, n: PyNode): boolean {
  return subtreeCalls(p, mod, n, p.ckpt, (c) => mod.opMethod(c) === "checkpoint");
}

/** Keys of a dict literal with constant string keys; undefined when the dict has other keys. */
export function dictKeys(mod: Module, n: PyNode | undefined): { key: string; keyNode: PyNode; value: PyNode; pair: PyNode }[] | undefined {
  n = unparen(n);
  if (n?.type !== "dictionary") return undefined;
  const out: { key: string; keyNode: PyNode; value: PyNode; pair: PyNode }[] = [];
  for (const pair of named(n)) {
    if (pair.type !== "pair") return undefined;
    const k = mod.str(field(pair, "key"));
    if (k === undefined) return undefined;
    out.push({ key: k, keyNode: field(pair, "key")!, value: field(pair, "value")!, pair });
  }
  return out;
}

/** Where `name` was last bound by a simple assignment before `before`, in the same function. */
export function lastAssignment(mod: Module, scope: PyNode, name: string, before: number): PyNode | undefined {
  let best: PyNode | undefined;
  walkTypes(scope, ["function_definition", "class_definition", "assignment"], (x) => {
    if (x !== scope && (x.type === "function_definition" || x.type === "class_definition")) return false;
    if (x.type === "assignment" && x.end <= before && field(x, "left")?.type === "identifier" && mod.t(field(x, "left")) === name) best = x;
    return undefined;
  });
  return best ? field(best, "right") : undefined;
}

/** Top-level statements of a block (comments excluded). */
export function statements(block: PyNode | undefined): PyNode[] {
  return block ? block.children.filter((c) => c.named && c.type !== "comment") : [];
}

/** The canonical SDK import line and where to insert a new top-level line after the imports. */
export function importInsertionPoint(mod: Module): number {
  let pos = 0;
  for (const c of mod.root.children) {
    if (c.type === "import_statement" || c.type === "import_from_statement" || c.type === "future_import_statement") pos = c.end;
    else if (c.type === "expression_statement" && pos === 0 && named(c)[0]?.type === "string")
      pos = c.end; // docstring
    else if (c.type !== "comment") break;
  }
  if (pos === 0) return 0;
  const nl = mod.source.indexOf("\n", pos);
  return nl < 0 ? mod.source.length : nl + 1;
}

export function insertLine(mod: Module, line: string): { start: number; end: number; newText: string } {
  const at = importInsertionPoint(mod);
  const needsNl = at === mod.source.length && at > 0 && !mod.source.endsWith("\n");
  return { start: at, end: at, newText: (needsNl ? "\n" : "") + line + "\n" };
}

/** Normalises a name the way the destination does: camelCase → snake, others → "_", lowercase. */
export function normaliseIdentifier(name: string): string {
  let s = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2");
  s = s.replace(/[^A-Za-z0-9_]+/g, "_").toLowerCase();
  if (/^[0-9]/.test(s)) s = "_" + s;
  return s;
}

export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The module-level string constant a Name refers to, for table names held in constants. */
export function constString(mod: Module, n: PyNode | undefined): string | undefined {
  n = unparen(n);
  if (!n) return undefined;
  const s = mod.str(n);
  if (s !== undefined) return s;
  if (n.type !== "identifier") return undefined;
  const name = mod.t(n);
  for (const c of mod.root.children) {
    const a = c.type === "expression_statement" ? named(c)[0] : undefined;
    if (a?.type === "assignment" && mod.t(field(a, "left")) === name) return mod.str(field(a, "right"));
  }
  return undefined;
}

export interface SchemaTable {
  mod: Module;
  dict: PyNode;
  name?: string;
  nameNode?: PyNode;
  entries: { key: string; keyNode: PyNode; value: PyNode; pair: PyNode }[];
}

/** The dict literals returned (or built) by schema(). */
export function schemaTables(p: Project): { tables: SchemaTable[]; returns: PyNode[]; dynamic: boolean } {
  const r = schemaTablesOnce(p);
  return { tables: r.tables.slice(), returns: r.returns.slice(), dynamic: r.dynamic };
}
const schemaTablesOnce = perProject(schemaTablesOf);
function schemaTablesOf(p: Project): { tables: SchemaTable[]; returns: PyNode[]; dynamic: boolean } {
  const f = p.schema;
  if (!f) return { tables: [], returns: [], dynamic: false };
  const mod = f.mod;
  const tables: SchemaTable[] = [];
  const returns: PyNode[] = [];
  walkTypes(f.node, ["function_definition", "return_statement", "dictionary"], (x) => {
    if (x !== f.node && x.type === "function_definition") return false;
    if (x.type === "return_statement") returns.push(x);
    if (x.type === "dictionary") {
      const keys = dictKeys(mod, x);
      if (keys && keys.some((k) => k.key === "table")) {
        const t = keys.find((k) => k.key === "table")!;
        tables.push({ mod, dict: x, name: constString(mod, t.value), nameNode: t.value, entries: keys });
      }
    }
    return undefined;
  });
  const dynamic = tables.length === 0;
  return { tables, returns, dynamic };
}

/** Table name written by an op call (first positional or table=), when it is a constant. */
export function opTable(mod: Module, call: PyNode): { name?: string; node?: PyNode } {
  const node = mod.arg(call, 0, "table");
  return { name: constString(mod, node), node };
}

/** The project's functions that handle the connector state, each with its state names (see stateNames). */
export function stateFunctions(p: Project): { mod: Module; f: FuncInfo; names: Set<string> }[] {
  return p.modules.flatMap((mod) => mod.functions.map((f) => ({ mod, f, names: stateNames(p, f) })).filter((x) => x.names.size > 0));
}

/** Names that hold the connector state inside a function: update's 2nd parameter, `state` params, and copies. */
// Five rules ask for the same function's state names in one lint; the answer depends only on the
// project (which function is update) and the function, so it is computed once per pair.
const stateNamesCache = new WeakMap<Project, WeakMap<FuncInfo, Set<string>>>();
export function stateNames(p: Project, f: FuncInfo): Set<string> {
  let perProject = stateNamesCache.get(p);
  if (!perProject) stateNamesCache.set(p, (perProject = new WeakMap()));
  const hit = perProject.get(f);
  if (hit) return hit;
  const out = new Set<string>();
  if (f === p.update && f.params[1]) out.add(f.params[1].name);
  for (const prm of f.params) if (/^(state|.*_state)$/.test(prm.name) && prm.name !== "new_state_value") out.add(prm.name);
  // Assignments in document order, as the full walk visited them.
  for (const n of findAll(f.node, "assignment")) {
    const l = field(n, "left");
    const r = field(n, "right");
    if (l?.type !== "identifier" || !r) continue;
    const rt = f.mod.t(r).replace(/\s+/g, "");
    for (const s of [...out]) if (rt === s || rt === `dict(${s})` || rt === `${s}.copy()` || rt === `copy.deepcopy(${s})`) out.add(f.mod.t(l));
  }
  perProject.set(f, out);
  return out;
}

/** `state[...]` subscript whose object is a state name. */
export function stateSubscript(mod: Module, n: PyNode | undefined, names: Set<string>): boolean {
  return n?.type === "subscript" && names.has(mod.t(field(n, "value")));
}
