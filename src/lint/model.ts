import { ancestors, field, fields, findAll, named, unparen, walkScope, walkTypes, type ParsedPython, type PyNode } from "./python.js";

/** What the rules know about one Python module: aliases, functions, calls, main blocks. */
export const WRITE_METHODS = new Set(["upsert", "update", "delete", "truncate"]);
export const OP_METHODS = new Set(["upsert", "update", "delete", "truncate", "checkpoint", "error", "warning"]);

export interface ImportInfo {
  /** Full dotted module ("google.cloud.bigquery"), or "" for `from . import x`. */
  module: string;
  level: number;
  names: { name: string; alias?: string }[];
  node: PyNode;
  isFrom: boolean;
}

export interface Param {
  name: string;
  kind: "positional" | "args" | "kwargs" | "keyword";
  hasDefault: boolean;
  annotation?: PyNode;
  node: PyNode;
}

export interface FuncInfo {
  name: string;
  node: PyNode;
  mod: Module;
  className?: string;
  params: Param[];
  /** Simple names of everything called in the function's own scope (f(), x.f(), self.f()). */
  calls: Set<string>;
  callNodes: PyNode[];
  isGenerator: boolean;
  writes: PyNode[];
  checkpoints: PyNode[];
}

export class Module {
  readonly root: PyNode;
  readonly imports: ImportInfo[] = [];
  /** Local names bound to the SDK's Operations, Logging, Connector, the SDK module and requests. */
  readonly op = new Set<string>();
  readonly log = new Set<string>();
  readonly connector = new Set<string>();
  readonly sdkModule = new Set<string>();
  readonly requests = new Set<string>();
  readonly functions: FuncInfo[] = [];
  readonly calls: PyNode[] = [];
  readonly mainBlocks: PyNode[] = [];
  /** `if __name__ ...` blocks whose comparison is broken (FT05E). */
  readonly brokenMainBlocks: PyNode[] = [];

  constructor(
    readonly file: string,
    readonly parsed: ParsedPython,
  ) {
    this.root = parsed.root;
    this.index();
  }

  get source(): string {
    return this.parsed.source;
  }
  t(n: PyNode | undefined): string {
    return n ? this.parsed.source.slice(n.start, n.end) : "";
  }

  /** The value of a plain string literal (no f-string interpolation), else undefined. */
  str(n: PyNode | undefined): string | undefined {
    n = unparen(n);
    if (!n) return undefined;
    if (n.type === "concatenated_string") {
      const parts = named(n).map((c) => this.str(c));
      return parts.every((p) => p !== undefined) ? parts.join("") : undefined;
    }
    if (n.type !== "string") return undefined;
    if (n.children.some((c) => c.type === "interpolation")) return undefined;
    return n.children
      .filter((c) => c.type === "string_content" || c.type === "escape_sequence")
      .map((c) => this.t(c))
      .join("");
  }

  isFString(n: PyNode | undefined): boolean {
    return !!n && n.type === "string" && /^[a-zA-Z]*[fF]/.test(this.t(n.children[0]));
  }

  // Rules ask the same call the same question many times (a dozen rules scan every call for op.*):
  // the answers depend on the module's text and aliases only, so each is worked out once per call.
  private readonly opMemo = new Map<PyNode, string | undefined>();
  private readonly logMemo = new Map<PyNode, string | undefined>();
  private readonly pathMemo = new Map<PyNode, string>();

  /** The Operations method name when `call` is `op.<m>(...)` (any alias form). */
  opMethod(call: PyNode): string | undefined {
    if (this.opMemo.has(call)) return this.opMemo.get(call);
    const m = this.sdkMethod(call, this.op, "Operations");
    this.opMemo.set(call, m);
    return m;
  }
  logMethod(call: PyNode): string | undefined {
    if (this.logMemo.has(call)) return this.logMemo.get(call);
    const m = this.sdkMethod(call, this.log, "Logging");
    this.logMemo.set(call, m);
    return m;
  }
  private sdkMethod(call: PyNode, aliases: Set<string>, cls: string): string | undefined {
    const fn = field(call, "function");
    if (fn?.type !== "attribute") return undefined;
    const obj = field(fn, "object");
    const attr = this.t(field(fn, "attribute"));
    if (!obj) return undefined;
    if (obj.type === "identifier" && aliases.has(this.t(obj))) return attr;
    if (obj.type === "attribute" && this.t(field(obj, "attribute")) === cls) {
      const base = field(obj, "object");
      if (base?.type === "identifier" && this.sdkModule.has(this.t(base))) return attr;
    }
    return undefined;
  }

  /** Simple name of what a call calls: f() → f, a.b.f() → f. */
  callee(call: PyNode): string | undefined {
    const fn = field(call, "function");
    if (fn?.type === "identifier") return this.t(fn);
    if (fn?.type === "attribute") return this.t(field(fn, "attribute"));
    return undefined;
  }
  /**
   * Which of the named functions a call can reach, judged by its shape: `f()` reaches module-level
   * functions, `self.f()` / `cls.f()` methods, `mod.f()` module-level functions only when `mod` is an
   * imported name. Anything else (`headers.update()`, `session.get()`) is a method of some other
   * object and reaches none of the project's functions, however the names coincide.
   */
  callTargets(call: PyNode, candidates: readonly FuncInfo[]): FuncInfo[] {
    const fn = field(call, "function");
    if (fn?.type === "identifier") return candidates.filter((g) => !g.className);
    if (fn?.type !== "attribute") return [];
    const obj = field(fn, "object");
    if (obj?.type !== "identifier") return [];
    const base = this.t(obj);
    if (base === "self" || base === "cls") return candidates.filter((g) => g.className);
    const imported = this.imports.some((i) => (i.isFrom ? i.names.some((n) => (n.alias ?? n.name) === base) : i.names.some((n) => (n.alias ?? n.name.split(".")[0]) === base)));
    return imported ? candidates.filter((g) => !g.className) : [];
  }
  /** Dotted text of the callee when it is a name chain: requests.get, self.session.get. */
  calleePath(call: PyNode): string {
    let path = this.pathMemo.get(call);
    if (path === undefined) {
      const fn = field(call, "function");
      path = fn && (fn.type === "identifier" || fn.type === "attribute") ? this.t(fn).replace(/\s+/g, "") : "";
      this.pathMemo.set(call, path);
    }
    return path;
  }

  args(call: PyNode): { positional: PyNode[]; keywords: Map<string, PyNode>; hasSplat: boolean } {
    const list = field(call, "arguments");
    const positional: PyNode[] = [];
    const keywords = new Map<string, PyNode>();
    let hasSplat = false;
    for (const a of list ? named(list) : []) {
      if (a.type === "keyword_argument") keywords.set(this.t(field(a, "name")), field(a, "value")!);
      else if (a.type === "list_splat" || a.type === "dictionary_splat") hasSplat = true;
      else positional.push(a);
    }
    return { positional, keywords, hasSplat };
  }
  /** Positional index or keyword, the way Python binds it. */
  arg(call: PyNode, index: number, keyword: string): PyNode | undefined {
    const a = this.args(call);
    return a.keywords.get(keyword) ?? a.positional[index];
  }

  inMain(n: PyNode): boolean {
    return ancestors(n).some((a) => this.mainBlocks.includes(a) || this.brokenMainBlocks.includes(a));
  }
  /** True when the node runs at import time: module level, outside functions, classes' methods and main blocks. */
  atImportTime(n: PyNode): boolean {
    for (const a of ancestors(n)) {
      if (a.type === "function_definition" || a.type === "lambda") return false;
      if (this.mainBlocks.includes(a) || this.brokenMainBlocks.includes(a)) return false;
    }
    return true;
  }
  functionOf(n: PyNode): FuncInfo | undefined {
    for (const a of ancestors(n)) if (a.type === "function_definition") return this.functions.find((f) => f.node === a);
    return undefined;
  }

  private index(): void {
    const root = this.root;
    for (const stmt of findAll(root, (n) => n.type === "import_statement" || n.type === "import_from_statement" || n.type === "future_import_statement")) {
      this.addImport(stmt);
    }
    walkTypes(root, ["call", "if_statement", "function_definition"], (n) => {
      if (n.type === "call") this.calls.push(n);
      if (n.type === "if_statement") {
        const cond = this.t(field(n, "condition")).replace(/\s+/g, " ");
        if (/__name__/.test(cond)) {
          if (/^__name__ == ["']__main__["']$|^["']__main__["'] == __name__$/.test(cond)) this.mainBlocks.push(n);
          else this.brokenMainBlocks.push(n);
        }
      }
      if (n.type === "function_definition") this.functions.push(this.funcInfo(n));
    });
  }

  private addImport(stmt: PyNode): void {
    const names: ImportInfo["names"] = [];
    const isFrom = stmt.type !== "import_statement";
    let module = "";
    let level = 0;
    if (isFrom) {
      const m = field(stmt, "module_name");
      if (stmt.type === "future_import_statement") module = "__future__";
      else if (m?.type === "relative_import") {
        const t = this.t(m);
        level = /^\.+/.exec(t)![0].length;
        module = t.slice(level);
      } else module = this.t(m);
    }
    for (const n of fields(stmt, "name")) {
      if (n.type === "aliased_import") names.push({ name: this.t(field(n, "name")), alias: this.t(field(n, "alias")) });
      else names.push({ name: this.t(n) });
    }
    if (stmt.children.some((c) => c.type === "wildcard_import")) names.push({ name: "*" });
    this.imports.push({ module, level, names, node: stmt, isFrom });
    if (isFrom && module === "fivetran_connector_sdk") {
      for (const { name, alias } of names) {
        const local = alias ?? name;
        if (name === "Operations") this.op.add(local);
        if (name === "Logging") this.log.add(local);
        if (name === "Connector") this.connector.add(local);
        if (name === "*") {
          this.op.add("Operations");
          this.log.add("Logging");
          this.connector.add("Connector");
        }
      }
    }
    if (!isFrom) {
      for (const { name, alias } of names) {
        if (name === "fivetran_connector_sdk") this.sdkModule.add(alias ?? name);
        if (name === "requests") this.requests.add(alias ?? name);
      }
    }
  }

  private funcInfo(n: PyNode): FuncInfo {
    const params: Param[] = [];
    let kwOnly = false;
    for (const p of named(field(n, "parameters")!)) {
      const nameNode = p.type === "identifier" ? p : (field(p, "name") ?? named(p).find((c) => c.type === "identifier"));
      const hasDefault = p.type === "default_parameter" || p.type === "typed_default_parameter";
      if (p.type === "list_splat_pattern" || (p.type === "typed_parameter" && this.t(p).startsWith("*") && !this.t(p).startsWith("**"))) {
        params.push({ name: this.t(nameNode).replace(/^\*/, ""), kind: "args", hasDefault: false, node: p });
        kwOnly = true;
      } else if (p.type === "dictionary_splat_pattern" || this.t(p).startsWith("**")) {
        params.push({ name: this.t(nameNode).replace(/^\*+/, ""), kind: "kwargs", hasDefault: false, node: p });
      } else if (p.type === "keyword_separator") kwOnly = true;
      else if (p.type === "positional_separator") continue;
      else params.push({ name: this.t(nameNode), kind: kwOnly ? "keyword" : "positional", hasDefault, annotation: field(p, "type"), node: p });
    }
    const info: FuncInfo = {
      name: this.t(field(n, "name")),
      node: n,
      mod: this,
      className: n.parent?.parent?.type === "class_definition" ? this.t(field(n.parent.parent, "name")) : undefined,
      params,
      calls: new Set(),
      callNodes: [],
      isGenerator: false,
      writes: [],
      checkpoints: [],
    };
    walkScope(n, (x) => {
      if (x.type === "yield") info.isGenerator = true;
      // A function named anywhere may run: pool.submit(worker), Thread(target=f), [sync_a, sync_b] looped over.
      if (x.type === "identifier" && x.parent?.type !== "keyword_argument") info.calls.add(this.t(x));
      else if (x.type === "identifier" && x.field === "value") info.calls.add(this.t(x));
      if (x.type === "call") {
        info.callNodes.push(x);
        const c = this.callee(x);
        if (c) info.calls.add(c);
      }
    });
    return info;
  }

  /** Called by the project once aliases are known. */
  classifyOps(): void {
    for (const f of this.functions) {
      for (const c of f.callNodes) {
        const m = this.opMethod(c);
        if (m && WRITE_METHODS.has(m)) f.writes.push(c);
        if (m === "checkpoint") f.checkpoints.push(c);
      }
    }
  }
}

/** Literal evaluation of simple Python expressions: used for schema() and dict payloads. */
export type PyValue = { kind: "str"; value: string; node: PyNode } | { kind: "other"; node: PyNode };

export function isLoop(n: PyNode): boolean {
  return n.type === "for_statement" || n.type === "while_statement";
}
