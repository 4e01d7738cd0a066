import { escapeInvisible } from "../workspace/hygiene.js";
/**
 * Shortens a JSON value until its pretty-printed form fits a character budget, keeping it valid
 * JSON of the same shape: arrays lose items from the end, long strings lose their end (with a
 * marker saying how much), objects keep every key unless they have more than MANY_KEYS (a free-form map such as a
 * connector's state with a cursor per entity; no output schema names that many), which lose keys from the end.
 * Cutting the serialised text instead would hand the client half a JSON document, and dropping the keys of a
 * fixed-shape object would break the tool's output schema (the caller re-checks it).
 */
export interface Cut {
  /** Where, as a JS-like path: `rows`, `rows[3].log`; empty for the top-level value. */
  path: string;
  kind: "items" | "chars" | "keys";
  kept: number;
  total: number;
}

type Seg = string | number;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Candidate {
  segs: Seg[];
  size: number;
  node: Json;
}

const MIN_STRING = 200;
/** An object with more keys than this is a map whose keys may be cut (see above). */
const MANY_KEYS = 32;
const MAX_ROUNDS = 400;

export function shrinkJson(data: unknown, budget: number): { value: Json; cuts: Cut[] } {
  // A JSON round trip drops undefined and functions, as the text copy does.
  const text = JSON.stringify(data);
  if (text === undefined) return { value: null, cuts: [] };
  let value = JSON.parse(text) as Json;
  const cuts = new Map<string, Cut>();

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const size = formatJson(value).length;
    if (size <= budget) break;
    const target = pick(value, []);
    if (!target) break;
    // Node sizes are measured compact; scale the pretty-printed excess down to that measure.
    const excess = Math.ceil(((size - budget) * JSON.stringify(value).length) / size);
    const key = pathOf(target.segs);
    const previous = cuts.get(key);
    if (isMap(target.node)) {
      const entries = Object.entries(target.node);
      const total = previous?.total ?? entries.length;
      const keep = itemsToKeep(
        entries.map(([k, v]) => ({ [k]: v })),
        target.size - excess - 32,
      );
      value = setAt(value, target.segs, Object.fromEntries(entries.slice(0, keep)));
      cuts.set(key, { path: key, kind: "keys", kept: keep, total });
    } else if (Array.isArray(target.node)) {
      const arr = target.node;
      const total = previous?.total ?? arr.length;
      const keep = itemsToKeep(arr, target.size - excess - 32);
      value = setAt(value, target.segs, arr.slice(0, keep));
      cuts.set(key, { path: key, kind: "items", kept: keep, total });
    } else if (typeof target.node === "string") {
      const original = target.node;
      const total = previous?.total ?? original.length;
      const body = previous ? original.slice(0, previous.kept) : original;
      // Escaped characters take more room than they count for; scale the cut by that ratio.
      const ratio = JSON.stringify(body).length / Math.max(1, body.length);
      let keep = Math.max(0, Math.floor(body.length - (excess + 96) / ratio));
      if (keep >= body.length) keep = Math.floor(body.length / 2);
      if (/[\uD800-\uDBFF]/.test(body[keep - 1] ?? "")) keep--;
      value = setAt(value, target.segs, `${body.slice(0, keep)}… [cut: ${total - keep} of ${total} characters]`);
      cuts.set(key, { path: key, kind: "chars", kept: keep, total });
    }
  }
  return { value, cuts: [...cuts.values()].filter((c) => stillThere(value, c)) };
}

/**
 * The node to cut next: the largest array or long string, descending into a child that holds most
 * of it, so one huge string inside a list of rows is cut before the rows are dropped.
 */
function pick(root: Json, segs: Seg[]): Candidate | undefined {
  let best: Candidate | undefined;
  const visit = (node: Json, at: Seg[]): number => {
    const size = JSON.stringify(node).length;
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, [...at, i]));
      if (node.length > 0 && (!best || size > best.size)) best = { segs: at, size, node };
    } else if (node && typeof node === "object") {
      for (const [k, child] of Object.entries(node)) visit(child, [...at, k]);
      if (at.length > 0 && isMap(node) && (!best || size > best.size)) best = { segs: at, size, node };
    } else if (typeof node === "string" && node.length > MIN_STRING && (!best || size > best.size)) {
      best = { segs: at, size, node };
    }
    return size;
  };
  visit(root, segs);
  if (!best) return undefined;
  // Prefer a dominant child of the chosen array: cutting it loses less.
  let chosen: Candidate = best;
  for (;;) {
    const inner = dominantChild(chosen);
    if (!inner) break;
    chosen = inner;
  }
  return chosen;
}

/** A free-form map: an object with more keys than any fixed shape has. */
function isMap(node: Json): node is { [k: string]: Json } {
  return !!node && typeof node === "object" && !Array.isArray(node) && Object.keys(node).length > MANY_KEYS;
}

function dominantChild(c: Candidate): Candidate | undefined {
  if (!Array.isArray(c.node) && !(c.node && typeof c.node === "object")) return undefined;
  let found: Candidate | undefined;
  const scan = (node: Json, at: Seg[]) => {
    if (found) return;
    const size = JSON.stringify(node).length;
    if (size * 2 < c.size) return;
    if ((Array.isArray(node) && node.length > 0) || (typeof node === "string" && node.length > MIN_STRING) || isMap(node)) {
      found = { segs: at, size, node };
      return;
    }
    if (node && typeof node === "object") for (const [k, child] of Object.entries(node)) scan(child, [...at, k]);
  };
  const entries: [Seg, Json][] = Array.isArray(c.node) ? c.node.map((v, i) => [i, v]) : Object.entries(c.node as Record<string, Json>);
  for (const [k, child] of entries) scan(child, [...c.segs, k]);
  return found;
}

/** How many leading items fit in `room` characters; at least one, so a single huge item is cut inside next. */
function itemsToKeep(arr: Json[], room: number): number {
  let used = 2;
  let keep = 0;
  for (const item of arr) {
    const next = used + JSON.stringify(item).length + 1;
    if (next > room) break;
    used = next;
    keep++;
  }
  if (keep === 0 && arr.length > 0) keep = arr.length > 1 ? 1 : 0;
  if (keep >= arr.length) keep = Math.max(0, arr.length - 1);
  return keep;
}

function setAt(root: Json, segs: Seg[], v: Json): Json {
  if (segs.length === 0) return v;
  let cur = root as Record<string | number, Json>;
  for (const s of segs.slice(0, -1)) cur = cur[s] as Record<string | number, Json>;
  cur[segs[segs.length - 1]] = v;
  return root;
}

function getAt(root: Json, segs: Seg[]): Json | undefined {
  let cur: Json | undefined = root;
  for (const s of segs) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, Json>)[s];
  }
  return cur;
}

function pathOf(segs: Seg[]): string {
  return segs.map((s, i) => (typeof s === "number" ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `${i ? "." : ""}${s}` : `[${JSON.stringify(s)}]`)).join("");
}

function parsePath(path: string): Seg[] {
  const segs: Seg[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][\w$]*)/g;
  for (const m of path.matchAll(re)) segs.push(m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? (JSON.parse(m[2]) as string) : m[3]);
  return segs;
}

/** A cut inside an item that a later cut dropped is not worth reporting. */
function stillThere(root: Json, c: Cut): boolean {
  const node = getAt(root, parsePath(c.path));
  return c.kind === "items" ? Array.isArray(node) : c.kind === "keys" ? !!node && typeof node === "object" && !Array.isArray(node) : typeof node === "string";
}

/**
 * JSON as results print it: indented objects, but an array of plain values on one line. Rows of query_warehouse
 * (arrays of cells) then read as one line per row, a table, where JSON.stringify(v, null, 2) put every cell on a
 * line of its own (34 K characters for 100 rows of a small table). Same values as JSON.parse reads back.
 */
export function formatJson(data: unknown): string {
  const text = JSON.stringify(data);
  if (text === undefined) return "null";
  // Security: invisible and bidi characters in the data are shown as \u escapes in the text a model reads.
  return escapeInvisible(format(JSON.parse(text) as Json, ""));
}

function format(value: Json, indent: string): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => v === null || typeof v !== "object")) return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    return `[\n${value.map((v) => inner + format(v, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(",\n")}\n${indent}}`;
}
