// Primary keys as map keys: a cell's key text, and the set of keys a sync has upserted.
import { FloatCell, type Cell } from "../cells.js";

/**
 * A key cell as a map key. Text is used as it is (no copy per row): cells never hold a NUL, so the other kinds,
 * which start with one, cannot meet text; JSON text counts as text.
 */
export function cellKey(cell: Cell): string {
  if (typeof cell === "string") return cell;
  if (cell === null) return "\0n";
  if (Buffer.isBuffer(cell)) return `\0b${cell.toString("base64")}`;
  if (cell instanceof FloatCell) return `\0f${cell.value}`;
  return cell.text;
}

/**
 * The keys a sync has upserted: it grows with the rows of the whole sync, so integer keys, the most common, are
 * kept as numbers (about a third of the memory of their text in a Set); the text of any other key as it is.
 */
export class KeySet {
  /** Non-negative integer keys below MAX_BIT, one bit each: ids are mostly dense, and a bit costs no GC. */
  private bits = new Uint8Array(1024);
  private readonly numbers = new Set<number>();
  private readonly texts = new Set<string>();
  /** Adds a key; returns false when it was already there. */
  add(key: string): boolean {
    const n = asInteger(key);
    if (n === undefined) return grew(this.texts, key);
    if (n >= 0 && n < MAX_BIT) {
      const byte = n >>> 3;
      if (byte >= this.bits.length) this.grow(byte);
      const bit = 1 << (n & 7);
      if (this.bits[byte] & bit) return false;
      this.bits[byte] |= bit;
      return true;
    }
    return grew(this.numbers, n);
  }
  has(key: string): boolean {
    const n = asInteger(key);
    if (n === undefined) return this.texts.has(key);
    if (n >= 0 && n < MAX_BIT) {
      const byte = n >>> 3;
      return byte < this.bits.length && (this.bits[byte] & (1 << (n & 7))) !== 0;
    }
    return this.numbers.has(n);
  }
  private grow(byte: number): void {
    let size = this.bits.length;
    while (size <= byte) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.bits);
    this.bits = bigger;
  }
}

/** Adds x to the set; false when it was there already. */
function grew<T>(set: Set<T>, x: T): boolean {
  const size = set.size;
  return set.add(x).size > size;
}

/** Keys from 0 to 2^27 - 1 go to the bitmap (16 MB at most); others, sparse or negative, to a Set. */
const MAX_BIT = 2 ** 27;

/** The number a key's text is the canonical decimal form of (so no two texts share one), if it is a safe integer. */
function asInteger(key: string): number | undefined {
  const len = key.length;
  if (len === 0 || len > 15) return undefined;
  const first = key.charCodeAt(0);
  // "-0", leading zeros and "+" are not canonical: String(Number(x)) would not give them back.
  if (first === 48) return len === 1 ? 0 : undefined;
  let i = first === 45 ? 1 : 0;
  if (i === 1 && (len === 1 || key.charCodeAt(1) === 48)) return undefined;
  for (; i < len; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(key);
}
