import { createRequire } from "node:module";
import type { Language as TSLanguage, Parser as TSParser, Tree } from "web-tree-sitter";
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

async function loadParser(): Promise<TSParser> {
  const { Parser, Language } = await import("web-tree-sitter");
  await Parser.init();
  const require = createRequire(import.meta.url);
  const lang: TSLanguage = await Language.load(require.resolve("tree-sitter-python/tree-sitter-python.wasm"));
  const p = new Parser();
  p.setLanguage(lang);
  return p;
}

export function getParser(): Promise<TSParser> {
  parserPromise ??= loadParser();
  return parserPromise;
}

// Parsed trees are immutable, so an unchanged file (a helper module, a re-lint after a fix pass)
// is not parsed again. Keyed by the full text; small and bounded.
const cache = new Map<string, ParsedPython>();
const CACHE_MAX = 32;

export async function parsePython(source: string): Promise<ParsedPython> {
  const hit = cache.get(source);
  if (hit) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const parsed = await parseUncached(source);
  cache.set(source, parsed);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return parsed;
}

async function parseUncached(source: string): Promise<ParsedPython> {
  const parser = await getParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  try {
    const parsed = convert(tree, source);
    typeIndex.set(parsed.root, parsed.byType);
    return parsed;
  } finally {
    tree.delete();
  }
}

function convert(tree: Tree, source: string): ParsedPython {
  const errors: ParsedPython["errors"] = [];
  const byType = new Map<string, PyNode[]>();
  // Each cursor property is a call into WASM; MISSING nodes exist only in trees with errors.
  const mayHaveErrors = tree.rootNode.hasError;
  const cursor = tree.walk();
  const lang = tree.language;
  const order: PyNode[] = [];
  // Type name and named-ness depend on the type id only: one WASM call per node instead of three.
  const make = (parent: PyNode | null): PyNode => {
    const typeId = cursor.nodeTypeId;
    let isNamed = namedByType[typeId];
    if (isNamed === undefined) isNamed = namedByType[typeId] = lang.nodeTypeIsNamed(typeId);
    const node: PyNode = {
      type: lang.types[typeId] || "ERROR",
      named: isNamed,
      start: cursor.startIndex,
      end: cursor.endIndex,
      field: cursor.currentFieldName,
      parent,
      children: [],
      hasError: false,
      index: order.length,
      last: order.length,
    };
    order.push(node);
    if (mayHaveErrors && (node.type === "ERROR" || cursor.nodeIsMissing)) {
      errors.push({ start: node.start, end: node.end, missing: cursor.nodeIsMissing, type: node.type });
    }
    if (node.named) {
      const list = byType.get(node.type);
      if (list) list.push(node);
      else byType.set(node.type, [node]);
    }
    return node;
  };
  const root = make(null);
  // Iterative walk: deep expressions would overflow a recursive one.
  let current = root;
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const node = make(current);
      current.children.push(node);
      if (cursor.gotoFirstChild()) {
        current = node;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || current === root) {
          cursor.delete();
          root.hasError = errors.length > 0;
          return finish();
        }
        current = current.parent!;
      }
    }
  }
  cursor.delete();
  return finish();

  function finish(): ParsedPython {
    // Children come after their parent in preorder, so a reverse pass sees them first.
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i]!;
      if (n.children.length) n.last = n.children[n.children.length - 1]!.last;
    }
    preorder.set(root, order);
    return { root, source, lines: new LineIndex(source), errors, byType };
  }
}

// Per type id, whether that node type is named (shared by every tree of the one Python grammar).
const namedByType: (boolean | undefined)[] = [];
/** Each parsed root's nodes in document order; walk iterates it instead of keeping a stack. */
const preorder = new WeakMap<PyNode, PyNode[]>();

// ---- small helpers used by every rule ----

export function field(n: PyNode | null | undefined, name: string): PyNode | undefined {
  return n?.children.find((c) => c.field === name);
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
    for (let i = n.index; i <= n.last; ) {
      const x = order[i]!;
      i = visit(x) === false ? x.last + 1 : i + 1;
    }
    return;
  }
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (visit(x) === false) continue;
    for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i]!);
  }
}
/** Walks without entering nested function, lambda or class bodies. */
export function walkScope(n: PyNode, visit: (n: PyNode) => boolean | void): void {
  walk(n, (x) => {
    if (x !== n && (x.type === "function_definition" || x.type === "lambda" || x.type === "class_definition")) return false;
    return visit(x);
  });
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
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid]!.start < n.start) lo = mid + 1;
        else hi = mid;
      }
      const out: PyNode[] = [];
      for (let i = lo; i < list.length && list[i]!.start <= n.end; i++) if (list[i]!.end <= n.end) out.push(list[i]!);
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
