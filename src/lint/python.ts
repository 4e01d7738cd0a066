import { createRequire } from "node:module";
import type { Edit, Language as TSLanguage, Parser as TSParser, Tree } from "web-tree-sitter";
import { LineIndex } from "./lines.js";

/**
 * Python syntax trees from tree-sitter. The WASM loads on the first parse (not at import), so
 * the server starts as fast without it. Trees are copied once into plain objects: rules walk
 * them many times, and crossing into WASM per node would dominate the lint time.
 */
export interface PyNode {
  type: string;
  named: boolean;
  start: number;
  end: number;
  field: string | null;
  parent: PyNode | null;
  children: PyNode[];
  hasError: boolean;
  /** Position in the tree's document-order (preorder) list, and that of its last descendant. */
  index: number;
  last: number;
}

export interface ParsedPython {
  root: PyNode;
  source: string;
  lines: LineIndex;
  /** Offsets of ERROR / MISSING nodes, when the file is half-written. */
  errors: { start: number; end: number; missing: boolean; type: string }[];
  /** Every node by type, in document order: rules look up node kinds without walking the tree. */
  byType: Map<string, PyNode[]>;
}

let parserPromise: Promise<TSParser> | undefined;

/**
 * The tree-sitter cursor functions of the WASM module itself. web-tree-sitter's TreeCursor copies
 * the cursor into the module's transfer buffer and back around every property read (six of them
 * per node), which made the tree copy cost more than the parse. These take the cursor from the
 * buffer, leave it there, and are called with the tree pointer only.
 */
interface RawCursorApi {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
}
let raw: { api: RawCursorApi; buffer: number } | undefined;

async function loadParser(): Promise<TSParser> {
  const { Parser, Language } = await import("web-tree-sitter");
  // Emscripten fills in the options object it is given and uses it as the module.
  const mod = {} as Partial<RawCursorApi>;
  await Parser.init(mod);
  if (typeof mod._ts_tree_cursor_goto_first_child_wasm === "function" && typeof mod._ts_init === "function" && mod.HEAP32) {
    const api = mod as RawCursorApi;
    raw = { api, buffer: api._ts_init() };
  }
  const require = createRequire(import.meta.url);
  const lang: TSLanguage = await Language.load(require.resolve("tree-sitter-python/tree-sitter-python.wasm"));
  const p = new Parser();
  p.setLanguage(lang);
  return p;
}

/** True once the parser is loaded with the WASM module's own cursor functions (the fast path of `convert`). */
export function usesRawCursor(): boolean {
  return raw !== undefined;
}

export function getParser(): Promise<TSParser> {
  parserPromise ??= loadParser();
  return parserPromise;
}

// Parsed trees are immutable, so an unchanged file (a helper module, a re-lint after a fix pass)
// is not parsed again. Keyed by the full text, bounded in entries and in total text: a copied tree
// takes ~70 bytes of heap per source character, and every version of a file being edited is a new
// entry, so a count alone let a 3,000-line file's old versions grow the heap by ~11 MB per edit.
const cache = new Map<string, ParsedPython>();
const CACHE_MAX = 32;
const CACHE_CHARS_MAX = 400_000;
let cacheChars = 0;
// The last tree-sitter tree of each file (by the caller's key, e.g. folder and path), kept so that
// the file's next version is parsed incrementally: after an edit tree-sitter re-parses only what
// the change touched instead of the whole file. Only error-free trees are reused in either
// direction, so error recovery (the one place an incremental parse could pick another tree) never
// depends on history.
const previous = new Map<string, { source: string; tree: Tree }>();
const PREVIOUS_MAX = 16;

/** `key` names the file across lint runs (folder and path) so that its next version parses incrementally. */
export async function parsePython(source: string, key?: string): Promise<ParsedPython> {
  const hit = cache.get(source);
  if (hit) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const parsed = await parseUncached(source, key);
  if (!cache.has(source)) cacheChars += source.length;
  cache.set(source, parsed);
  while (cache.size > 1 && (cache.size > CACHE_MAX || cacheChars > CACHE_CHARS_MAX)) {
    const oldest = cache.keys().next().value!;
    cache.delete(oldest);
    cacheChars -= oldest.length;
  }
  return parsed;
}

/** Forgets parsed files and kept trees (tests compare incremental and fresh parses with it). */
export function clearParseCaches(): void {
  cache.clear();
  cacheChars = 0;
  for (const p of previous.values()) p.tree.delete();
  previous.clear();
}

async function parseUncached(source: string, key?: string): Promise<ParsedPython> {
  const parser = await getParser();
  let tree: Tree | null = null;
  const prev = key === undefined ? undefined : previous.get(key);
  if (prev) {
    previous.delete(key!);
    if (!prev.tree.rootNode.hasError) {
      prev.tree.edit(editBetween(prev.source, source));
      tree = parser.parse(source, prev.tree);
      if (tree?.rootNode.hasError) {
        tree.delete();
        tree = null;
      }
    }
    prev.tree.delete();
  }
  tree ??= parser.parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  let keep = false;
  try {
    const parsed = convert(tree, source);
    typeIndex.set(parsed.root, parsed.byType);
    if (key !== undefined && !tree.rootNode.hasError) {
      previous.set(key, { source, tree });
      keep = true;
      if (previous.size > PREVIOUS_MAX) {
        const [oldest, entry] = previous.entries().next().value!;
        previous.delete(oldest);
        entry.tree.delete();
      }
    }
    return parsed;
  } finally {
    if (!keep) tree.delete();
  }
}

/** The single edit that turns `a` into `b`: their common prefix and suffix stay, the middle changes. */
function editBetween(a: string, b: string): Edit {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return {
    startIndex: p,
    oldEndIndex: a.length - s,
    newEndIndex: b.length - s,
    startPosition: pointAt(a, p),
    oldEndPosition: pointAt(a, a.length - s),
    newEndPosition: pointAt(b, b.length - s),
  };
}

/** Row and column (UTF-16 code units, as web-tree-sitter counts them) of an offset. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

function convert(tree: Tree, source: string): ParsedPython {
  const errors: ParsedPython["errors"] = [];
  const byType = new Map<string, PyNode[]>();
  // MISSING nodes exist only in trees with errors.
  const mayHaveErrors = tree.rootNode.hasError;
  const cursor = tree.walk();
  const lang = tree.language;
  const order: PyNode[] = [];
  const r = raw;
  // The tree's WASM handle, and the cursor copied into the transfer buffer once (a property read does it).
  const T = (tree as unknown as { 0: number })[0];
  const api = r?.api;
  const typeIdOf = api ? () => api._ts_tree_cursor_current_node_type_id_wasm(T) : () => cursor.nodeTypeId;
  const startOf = api ? () => api._ts_tree_cursor_start_index_wasm(T) : () => cursor.startIndex;
  const endOf = api ? () => api._ts_tree_cursor_end_index_wasm(T) : () => cursor.endIndex;
  const fieldOf = api ? () => lang.fields[api._ts_tree_cursor_current_field_id_wasm(T)] : () => cursor.currentFieldName;
  const missing = api ? () => api._ts_tree_cursor_current_node_is_missing_wasm(T) === 1 : () => cursor.nodeIsMissing;
  const firstChild = api ? () => api._ts_tree_cursor_goto_first_child_wasm(T) === 1 : () => cursor.gotoFirstChild();
  const nextSibling = api ? () => api._ts_tree_cursor_goto_next_sibling_wasm(T) === 1 : () => cursor.gotoNextSibling();
  const parentOf = api ? () => api._ts_tree_cursor_goto_parent_wasm(T) === 1 : () => cursor.gotoParent();
  if (api) void cursor.startIndex;
  // Type name and named-ness depend on the type id only.
  const make = (parent: PyNode | null): PyNode => {
    const typeId = typeIdOf();
    let isNamed = namedByType[typeId];
    if (isNamed === undefined) isNamed = namedByType[typeId] = lang.nodeTypeIsNamed(typeId);
    const node: PyNode = {
      type: lang.types[typeId] || "ERROR",
      named: isNamed,
      start: startOf(),
      end: endOf(),
      field: fieldOf(),
      parent,
      children: [],
      hasError: false,
      index: order.length,
      last: order.length,
    };
    order.push(node);
    if (mayHaveErrors) {
      const isMissing = missing();
      if (node.type === "ERROR" || isMissing) errors.push({ start: node.start, end: node.end, missing: isMissing, type: node.type });
    }
    if (isNamed) {
      const list = byType.get(node.type);
      if (list) list.push(node);
      else byType.set(node.type, [node]);
    }
    return node;
  };
  const root = make(null);
  // Iterative walk: deep expressions would overflow a recursive one.
  let current = root;
  walk: if (firstChild()) {
    for (;;) {
      const node = make(current);
      current.children.push(node);
      if (firstChild()) {
        current = node;
        continue;
      }
      while (!nextSibling()) {
        if (!parentOf() || current === root) break walk;
        current = current.parent!;
      }
    }
  }
  if (r) {
    // The walk moved the cursor inside the buffer only: copy it back so delete() frees what it now holds.
    const h = r.api.HEAP32;
    const b = r.buffer >> 2;
    const c = cursor as unknown as Record<number, number>;
    for (let k = 0; k < 4; k++) c[k] = h[b + k]!;
  }
  cursor.delete();
  root.hasError = errors.length > 0;
  // Children come after their parent in preorder, so a reverse pass sees them first.
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    if (n.children.length) n.last = n.children[n.children.length - 1].last;
  }
  preorder.set(root, order);
  return { root, source, lines: new LineIndex(source), errors, byType };
}

// Per type id, whether that node type is named (shared by every tree of the one Python grammar).
const namedByType: (boolean | undefined)[] = [];
/** Each parsed root's nodes in document order; walk iterates it instead of keeping a stack. */
const preorder = new WeakMap<PyNode, PyNode[]>();

// ---- small helpers used by every rule ----

export function field(n: PyNode | null | undefined, name: string): PyNode | undefined {
  // The most called helper of all: a plain loop, no closure per call.
  if (!n) return undefined;
  const cs = n.children;
  for (let i = 0; i < cs.length; i++) if (cs[i].field === name) return cs[i];
  return undefined;
}
export function fields(n: PyNode | null | undefined, name: string): PyNode[] {
  return n ? n.children.filter((c) => c.field === name) : [];
}
export function named(n: PyNode): PyNode[] {
  return n.children.filter((c) => c.named && c.type !== "comment");
}
export function walk(n: PyNode, visit: (n: PyNode) => boolean | void): void {
  let root = n;
  while (root.parent) root = root.parent;
  const order = preorder.get(root);
  if (order) {
    // Same visiting order as the stack walk; `false` skips the node's descendants.
    for (let i = n.index; i <= n.last;) {
      const x = order[i];
      i = visit(x) === false ? x.last + 1 : i + 1;
    }
    return;
  }
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (visit(x) === false) continue;
    for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i]);
  }
}
/**
 * What `walk(n, visit)` does when `visit` acts on the given named node types only: visits those
 * nodes inside n (n included) in the same document order, and `false` skips the node's descendants
 * just the same, but reads the per-type index instead of calling the visitor on every node.
 */
export function walkTypes(n: PyNode, types: readonly string[], visit: (n: PyNode) => boolean | void): void {
  let root = n;
  while (root.parent) root = root.parent;
  const idx = typeIndex.get(root);
  if (!idx || !preorder.has(root)) {
    walk(n, (x) => (types.includes(x.type) ? visit(x) : undefined));
    return;
  }
  // Each type's list is in preorder; n's descendants are the index range [n.index, n.last].
  const picked: PyNode[] = [];
  for (const t of types) {
    const list = idx.get(t);
    if (!list) continue;
    for (let i = firstAtOrAfter(list, (x) => x.index < n.index); i < list.length && list[i].index <= n.last; i++) picked.push(list[i]);
  }
  if (types.length > 1) picked.sort((a, b) => a.index - b.index);
  let skipTo = -1;
  for (const x of picked) {
    if (x.index <= skipTo) continue;
    if (visit(x) === false) skipTo = x.last;
  }
}
/** Walks without entering nested function, lambda or class bodies. */
export function walkScope(n: PyNode, visit: (n: PyNode) => boolean | void): void {
  walk(n, (x) => {
    if (x !== n && (x.type === "function_definition" || x.type === "lambda" || x.type === "class_definition")) return false;
    return visit(x);
  });
}
/** Binary search in a sorted list: the index of the first item `before` is false for (list.length if none). */
function firstAtOrAfter(list: readonly PyNode[], before: (x: PyNode) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Set by the module model: the type index of each parsed root, for findAll's fast path. */
export const typeIndex = new WeakMap<PyNode, Map<string, PyNode[]>>();

export function findAll(n: PyNode, type: string | ((n: PyNode) => boolean)): PyNode[] {
  if (typeof type === "string") {
    // Any node's index lives on its root; slice the part inside n (document order = start order).
    let root = n;
    while (root.parent) root = root.parent;
    const idx = typeIndex.get(root);
    if (idx) {
      const list = idx.get(type) ?? [];
      // The list is sorted by start: binary-search the first node at or after n.start, then scan
      // only while nodes can still lie inside n (a zero-width node at n.end counts, as before).
      const out: PyNode[] = [];
      for (let i = firstAtOrAfter(list, (x) => x.start < n.start); i < list.length && list[i].start <= n.end; i++) if (list[i].end <= n.end) out.push(list[i]);
      return out;
    }
  }
  const out: PyNode[] = [];
  const test = typeof type === "string" ? (x: PyNode) => x.type === type : type;
  walk(n, (x) => {
    if (test(x)) out.push(x);
  });
  return out;
}
export function ancestors(n: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (let p = n.parent; p; p = p.parent) out.push(p);
  return out;
}
export function enclosing(n: PyNode, types: string[]): PyNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (types.includes(p.type)) return p;
  return undefined;
}
export function isWithin(n: PyNode, outer: PyNode): boolean {
  return n.start >= outer.start && n.end <= outer.end;
}
/** Unwraps parentheses. */
export function unparen(n: PyNode | undefined): PyNode | undefined {
  while (n && n.type === "parenthesized_expression") n = named(n)[0];
  return n;
}
