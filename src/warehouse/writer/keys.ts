// Primary keys: a cell's key text in memory, the set of keys a sync has upserted, and a key cast to its column's
// type (two keys in memory can be one in the table).

import { FloatCell, MISFIT, nativeValue, stageText, type Cell } from "../cells.js";
import type { Cells } from "./batch.js";

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

/** The separator of the parts of a composite key (cells never hold a NUL). */
export const KEY_SEPARATOR = "\u0000\u0001";

const CANONICAL_INT = /^(?:0|-?[1-9]\d{0,17})$/;

/**
 * The key a cell becomes in a key column of DuckDB type `kind`, as text; undefined when it is not told here. Two
 * different cells can become one value (0.1 and 0.10000000001 in a FLOAT, 3 and 3.0 once a column is FLOAT, "true"
 * and "1" in a BIGINT): then they are one key to the table. Only text, integer and boolean key columns are told:
 * a float or timestamp key is a key of its own text in memory but never of its value's (every row would be noted,
 * at about 3.5 µs and a set entry a row, measured), so such tables take INSERT ... ON CONFLICT, the SDK's own way.
 */
export function castKey(cell: Cell, kind: string): string | undefined {
  if (typeof cell === "string") {
    if (kind === "VARCHAR" || (kind === "BIGINT" && CANONICAL_INT.test(cell))) return cell;
  } else if (kind === "VARCHAR") return stageText(cell, kind) ?? undefined;
  if (cell === null || (kind !== "BIGINT" && kind !== "BOOLEAN")) return undefined;
  const v = nativeValue(cell, kind);
  return v === MISFIT || v === null ? undefined : String(v);
}

/**
 * The rows (by index) whose key, cast to the key columns' types, is not the key they are held by in memory, with
 * that cast key; undefined when some key cannot be told (castKey()). Usually empty: integer and text keys are
 * their own cast.
 */
export function looseKeys(kinds: string[], keyAt: number[], rows: readonly Cells[], keys: readonly string[]): Map<number, string> | undefined {
  const loose = new Map<number, string>();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let cast: string | undefined;
    if (keyAt.length === 1) cast = castKey(row[keyAt[0]] as Cell, kinds[0]);
    else {
      const parts: string[] = [];
      for (let k = 0; k < keyAt.length; k++) {
        const part = castKey(row[keyAt[k]] as Cell, kinds[k]);
        if (part === undefined) return undefined;
        parts.push(part);
      }
      cast = parts.join(KEY_SEPARATOR);
    }
    if (cast === undefined) return undefined;
    if (cast !== keys[r]) loose.set(r, cast);
  }
  return loose;
}
