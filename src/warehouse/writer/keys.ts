// Primary keys: a cell's key text in memory, the set of keys a sync has upserted, and a key cast to its column's
// type (two keys in memory can be one in the table).

import { FloatCell, MISFIT, nativeValue, stageText, type Cell } from "../cells.js";
import type { Cells } from "./batch.js";

/**
 * A key cell as a map key. Text is used as it is (no copy per row): cells never hold a NUL, so the other kinds,
 * which start with one, cannot meet text; JSON text counts as text.
 */
export function cellKey(cell: Cell | number): string {
  if (typeof cell === "string") return cell;
  // `_fivetran_synced` as a declared key column: the time the writer stamped, in microseconds.
  if (typeof cell === "number") return `\0t${cell}`;
  if (cell === null) return "\0n";
  if (Buffer.isBuffer(cell)) return `\0b${cell.toString("base64")}`;
  if (cell instanceof FloatCell) return `\0f${cell.value}`;
  return cell.text;
}

/**
 * The keys a sync has upserted: it grows with the rows of the whole sync, so integer keys, the most common, are
 * kept as numbers (about a third of the memory of their text in a Set), and `_fivetran_id` keys (every row of a
 * table without a primary key) as the 20 bytes they encode; the text of any other key as it is.
 */
export class KeySet {
  /** Non-negative integer keys below MAX_BIT, one bit each: ids are mostly dense, and a bit costs no GC. */
  private bits = new Uint8Array(1024);
  private readonly numbers = new Set<number>();
  private readonly texts = new Set<string>();
  private digests: DigestSet | undefined;
  /**
   * The keys added since the last cut(), and those added between the two cuts before it (`closed`), so that a
   * transaction written again from its records (WarehouseWriter.replay()) can take its own keys out first. Kept
   * as what they are stored as: integers and digest words, not their text, which would then live on.
   */
  private log = new AddedKeys();
  private closed: AddedKeys | undefined;
  /** Adds a key; returns false when it was already there. */
  add(key: string): boolean {
    const n = asInteger(key);
    if (n === undefined) {
      if (key.length === DIGEST_TEXT && decodeDigest(key)) {
        if (!(this.digests ??= new DigestSet()).add()) return false;
        this.log.digest();
        return true;
      }
      if (!grew(this.texts, key)) return false;
      this.log.text(key);
      return true;
    }
    if (n >= 0 && n < MAX_BIT) {
      const byte = n >>> 3;
      if (byte >= this.bits.length) this.grow(byte);
      const bit = 1 << (n & 7);
      if (this.bits[byte] & bit) return false;
      this.bits[byte] |= bit;
      this.log.number(n);
      return true;
    }
    if (!grew(this.numbers, n)) return false;
    this.log.number(n);
    return true;
  }
  /** The keys added so far belong to the transaction a checkpoint is closing; those added from now on to the next. */
  cut(): void {
    this.closed = this.log;
    this.log = new AddedKeys();
  }
  /** The closed transaction was committed: its keys stay. */
  keepClosed(): void {
    this.closed = undefined;
  }
  /** Whether undoClosed() can take out every key the closed transaction added (it did not add more than LOG_MAX). */
  undoable(): boolean {
    return !this.closed?.overflow;
  }
  /** Whether the keys added since the last cut() are all in its log. */
  logComplete(): boolean {
    return !this.log.overflow;
  }
  /** Takes out the keys the closed transaction added (it is being written again); keys added since cut() stay. */
  undoClosed(): void {
    const c = this.closed;
    if (!c) return;
    this.closed = undefined;
    for (let i = 0; i < c.numberCount; i++) {
      const n = c.numbers[i];
      if (n >= 0 && n < MAX_BIT) this.bits[n >>> 3] &= ~(1 << (n & 7));
      else this.numbers.delete(n);
    }
    for (const t of c.texts) this.texts.delete(t);
    for (let at = 0; at < c.digestCount * 5; at += 5) {
      WORDS.set(c.digestWords.subarray(at, at + 5));
      this.digests!.delete();
    }
  }
  /**
   * Keys added until resumeLog() are left out of the log: they are those of the transaction being written again,
   * which then commits. The log of before goes on afterwards.
   */
  pauseLog(): void {
    this.paused = this.log;
    this.log = new AddedKeys();
  }
  resumeLog(): void {
    if (this.paused) this.log = this.paused;
    this.paused = undefined;
  }
  private paused: AddedKeys | undefined;
  has(key: string): boolean {
    const n = asInteger(key);
    if (n === undefined) {
      if (key.length === DIGEST_TEXT && decodeDigest(key)) return this.digests?.has() ?? false;
      return this.texts.has(key);
    }
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

/** Keys a KeySet added in one transaction (see KeySet.cut()). */
class AddedKeys {
  /** Integer keys (bitmap or Set), in a typed array: a JS array of them took 8 bytes and a GC look each. */
  numbers = new Float64Array(0);
  numberCount = 0;
  readonly texts: string[] = [];
  digestWords = new Int32Array(0);
  digestCount = 0;
  /** More keys came than LOG_MAX: the transaction's keys can no longer be taken out (see KeySet.undoable()). */
  overflow = false;

  private full(): boolean {
    if (this.numberCount + this.texts.length + this.digestCount < LOG_MAX) return false;
    this.overflow = true;
    this.numbers = new Float64Array(0);
    this.texts.length = 0;
    this.digestWords = new Int32Array(0);
    this.numberCount = this.digestCount = 0;
    return true;
  }

  number(n: number): void {
    if (this.overflow || this.full()) return;
    if (this.numberCount === this.numbers.length) this.numbers = grown(this.numbers, this.numbers.length * 2 || 1024);
    this.numbers[this.numberCount++] = n;
  }

  text(key: string): void {
    if (!this.overflow && !this.full()) this.texts.push(key);
  }

  /** Logs the digest in WORDS. */
  digest(): void {
    if (this.overflow || this.full()) return;
    if ((this.digestCount + 1) * 5 > this.digestWords.length) this.digestWords = grown(this.digestWords, Math.max(5 * 256, this.digestWords.length * 2));
    this.digestWords.set(WORDS, this.digestCount++ * 5);
  }
}

/**
 * The most keys one transaction's log holds per set. A checkpoint of more new keys than this in one table is not
 * written again (its journal, JOURNAL_LIMIT_CHARS, would be about as large): the log then costs at most 8 MB of
 * integers, 20 MB of digests, or a reference per text key the set holds anyway.
 */
const LOG_MAX = 1 << 20;

function grown<T extends Float64Array | Int32Array>(a: T, size: number): T {
  const bigger = new (a.constructor as new (n: number) => T)(size);
  bigger.set(a);
  return bigger;
}

/** The length of the base64 text of 20 bytes: a SHA-1, as `_fivetran_id` is. */
const DIGEST_TEXT = 28;
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** Each character's 6 bits by char code; -1 for a character that is not base64. */
const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) SEXTET[BASE64.charCodeAt(i)] = i;
/** The 20 bytes decodeDigest() read last, as five 32-bit words (one decode per key, then one lookup). */
const WORDS = new Int32Array(5);

/**
 * Reads a 28-character key as the canonical base64 text of 20 bytes into WORDS; false for any other text. Canonical
 * means the two bits past the 20th byte are zero: then no two texts have the same bytes, so a key kept as its bytes
 * is never another key's.
 */
function decodeDigest(key: string): boolean {
  if (key.charCodeAt(27) !== 61) return false;
  // 27 characters of 6 bits: 162 bits, of which the first 160 are the bytes, read 32 at a time.
  let acc = 0;
  let bits = 0;
  let w = 0;
  for (let i = 0; i < 27; i++) {
    const c = key.charCodeAt(i);
    const v = c < 128 ? SEXTET[c] : -1;
    if (v < 0) return false;
    if (bits + 6 <= 32) {
      acc = (acc << 6) | v;
      bits += 6;
      if (bits === 32) {
        WORDS[w++] = acc;
        acc = 0;
        bits = 0;
      }
    } else {
      const take = 32 - bits;
      WORDS[w++] = (acc << take) | (v >>> (6 - take));
      bits = 6 - take;
      acc = v & ((1 << bits) - 1);
    }
  }
  // The 2 bits left over must be zero.
  return bits === 2 && acc === 0;
}

/**
 * 20-byte keys in an open-addressing table of 32-bit words: 30 to 60 bytes a key, where a Set of their text took
 * about 120 (the text kept alive included) and a hash of each text when it was added. Its argument is WORDS, as
 * decodeDigest() left them. The first word is the slot's hash: SHA-1 bytes are uniform.
 */
class DigestSet {
  private slots = new Int32Array(5 * 1024);
  private used = new Uint8Array(1024);
  private size = 0;

  /** Adds WORDS; false when they were there already. */
  add(): boolean {
    const at = this.find(this.slots, this.used);
    if (at >= 0) return false;
    const o = ~at * 5;
    for (let k = 0; k < 5; k++) this.slots[o + k] = WORDS[k];
    this.used[~at] = 1;
    // At most 70% full: with uniform hashes, linear probing then looks at about two slots to add a key.
    if (++this.size * 10 > this.used.length * 7) this.grow();
    return true;
  }

  has(): boolean {
    return this.find(this.slots, this.used) >= 0;
  }

  /** Removes WORDS if there: the keys after it in their run move back (linear probing keeps no tombstones). */
  delete(): void {
    const at = this.find(this.slots, this.used);
    if (at < 0) return;
    const { slots, used } = this;
    const mask = used.length - 1;
    let hole = at;
    for (let i = (hole + 1) & mask; used[i]; i = (i + 1) & mask) {
      const home = slots[i * 5] & mask;
      // The key at i may fill the hole only if its home slot is not between the hole and i (cyclically).
      if (((i - home) & mask) >= ((i - hole) & mask)) {
        slots.copyWithin(hole * 5, i * 5, i * 5 + 5);
        hole = i;
      }
    }
    used[hole] = 0;
    this.size--;
  }

  /** The slot holding WORDS, or ~(the free slot where they would go). */
  private find(slots: Int32Array, used: Uint8Array): number {
    const mask = used.length - 1;
    for (let i = WORDS[0] & mask; ; i = (i + 1) & mask) {
      if (!used[i]) return ~i;
      const o = i * 5;
      if (slots[o] === WORDS[0] && slots[o + 1] === WORDS[1] && slots[o + 2] === WORDS[2] && slots[o + 3] === WORDS[3] && slots[o + 4] === WORDS[4]) return i;
    }
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldUsed = this.used;
    const used = new Uint8Array(oldUsed.length * 2);
    const slots = new Int32Array(used.length * 5);
    const mask = used.length - 1;
    for (let s = 0; s < oldUsed.length; s++) {
      if (!oldUsed[s]) continue;
      const o = s * 5;
      let i = oldSlots[o] & mask;
      while (used[i]) i = (i + 1) & mask;
      const n = i * 5;
      for (let k = 0; k < 5; k++) slots[n + k] = oldSlots[o + k];
      used[i] = 1;
    }
    this.slots = slots;
    this.used = used;
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
 * and "1" in a BIGINT): then they are one key to the table. Only text, integer (BIGINT, INTEGER, SMALLINT) and
 * boolean key columns are told: a float or timestamp key is a key of its own text in memory but never of its value's (every row would be noted,
 * at about 3.5 µs and a set entry a row, measured), so such tables take INSERT ... ON CONFLICT, the SDK's own way.
 */
export function castKey(cell: Cell, kind: string): string | undefined {
  if (typeof cell === "string") {
    if (kind === "VARCHAR" || (kind === "BIGINT" && CANONICAL_INT.test(cell))) return cell;
  } else if (kind === "VARCHAR") return stageText(cell, kind) ?? undefined;
  // INTEGER and SMALLINT (declared INT and SHORT keys) read as BIGINT does, within their range (else a misfit).
  if (cell === null || (kind !== "BIGINT" && kind !== "INTEGER" && kind !== "SMALLINT" && kind !== "BOOLEAN")) return undefined;
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
