import type { WireCell } from "../protocol.js";

/**
 * Cells on their way into the warehouse (docs/warehouse.md, "Types"). The harness has already converted every value
 * as the SDK 3.0 does at the op call, in Python (src/runner/harness/fivetran_connector_sdk/_values.py); what arrives
 * is the cell the SDK's core reads, in the wire form protocol.ts documents. Here a cell suggests a column type (the
 * core's sniffing), types merge, and a cell becomes the text (or native value) loaded into its column (the core's
 * staging). Nothing here interprets a Python value.
 *
 * A cell is: null; a string (text); JsonCell (JSON text); Buffer (bytes); or FloatCell (a 32-bit "single" or
 * 64-bit "double" float).
 */
export class JsonCell {
  constructor(
    readonly text: string,
    /** The text came from Python's own json.dumps (not one the connector replaced): it is JSON. */
    readonly standard = true,
  ) {}
}
export class FloatCell {
  constructor(
    /** The float the SDK sent. */
    readonly value: number,
    readonly single: boolean,
    /** Python's text of it, when the harness sent one (1.0, -0.0, NaN): see `text`. */
    private given?: string,
    /**
     * Its text in a text or JSON column, which the harness worked out in the connector's decimal context when that
     * was not the default (356); else javaFloatText() works it out as the default context gives it.
     */
    readonly java?: string,
    /** What the connector's decimal context raised when the harness worked that text out: writing it fails. */
    readonly refused?: string,
  ) {}
  /** Text that reads back as exactly `value`; made on first use, since FLOAT and DOUBLE columns load the number. */
  get text(): string {
    return (this.given ??= String(this.value));
  }
}
export type Cell = null | string | JsonCell | Buffer | FloatCell;

/** The cell of a wire value; `double`: the column is declared DOUBLE, so a float is a 64-bit one. */
export function cellOf(w: WireCell, double: boolean): Cell {
  if (w === null || w === undefined) return null;
  switch (typeof w) {
    case "string":
      return w;
    case "boolean":
      return w ? "true" : "false";
    case "number":
      // Only integers JavaScript holds exactly travel as numbers; their text is the same in both languages.
      return Number.isInteger(w) ? String(w) : new FloatCell(w, !double);
    default:
      switch (w.$ft) {
        case "float":
          return new FloatCell(Number(w.v), !double, w.v, w.j, w.e);
        case "json":
          return new JsonCell(w.v, w.own !== 1);
        case "bytes":
          return Buffer.from(w.v, "base64");
      }
  }
  throw new Error(`unknown cell on the operation channel: ${JSON.stringify(w).slice(0, 100)}`);
}

function isPlainUtc(s: string): boolean {
  if (s.length !== 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 90) return false;
  for (const i of UTC_DIGITS) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
const UTC_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

// ---------------------------------------------------------------- types (the core's cells.py)

export const NUMBER_TYPES = ["BOOLEAN", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE"];
export const MOMENT_TYPES = ["DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"];
const LATTICE = new Set([...NUMBER_TYPES, ...MOMENT_TYPES, "JSON", "BLOB", "VARCHAR"]);
export const DECIMAL_RE = /^DECIMAL\((\d+),\s*(\d+)\)$/;

const DECLARED_DUCKDB: Record<string, string> = {
  BOOLEAN: "BOOLEAN",
  SHORT: "SMALLINT",
  INT: "INTEGER",
  LONG: "BIGINT",
  FLOAT: "FLOAT",
  DOUBLE: "DOUBLE",
  NAIVE_DATE: "DATE",
  NAIVE_DATETIME: "TIMESTAMP",
  UTC_DATETIME: "TIMESTAMP WITH TIME ZONE",
  BINARY: "BLOB",
  XML: "VARCHAR",
  STRING: "VARCHAR",
  JSON: "JSON",
};

/** The DuckDB type of a declared column, or null when it has none (NAIVE_TIME, or no type). */
export function declaredDuckType(type: string | undefined, precision?: number, scale?: number): string | null {
  if (!type) return null;
  const t = type.toUpperCase();
  if (t === "DECIMAL") {
    const p = Math.min(Math.max(precision ?? 0, 1), 38);
    return `DECIMAL(${p},${Math.min(scale ?? 0, p)})`;
  }
  return DECLARED_DUCKDB[t] ?? null;
}

function validDate(y: number, m: number, d: number): boolean {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]);
}
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const INTEGER = /^-?\d+$/;
const FLOAT = /^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const BOOL_WORDS = new Set(["true", "false", "t", "f"]);

/** The type the core gives a piece of text, or null for "" (`digits`: the sync's, see PythonDigits). */
export function textType(value: string, digits: ReadonlyMap<number, number> = NO_DIGITS): string | null {
  const type = asciiTextType(value);
  // The core's patterns are Python's, whose \d is any Unicode decimal digit (full-width, Arabic-Indic, ...): such
  // text, which fails every pattern here, is read as the same text in ASCII digits (DuckDB's CAST then refuses it).
  if (type !== "VARCHAR" || !NON_ASCII.test(value)) return type;
  let ascii = asciiDigits(value, digits);
  if (ascii === value) return type;
  // Python's leading-zero rule looks for an ASCII "0": "٠١" is an integer to it.
  if (value.charAt(0) !== "0" && INTEGER.test(ascii)) ascii = ascii.replace(/^0+(?=\d)/, "");
  return asciiTextType(ascii);
}

const NON_ASCII = /[\u0080-\u{10ffff}]/u;
const UNICODE_DIGIT = /\p{Nd}/gu;

/**
 * The characters past ASCII that the connector's Python takes as decimal digits, and their values, as the harness
 * tells them (a `digits` record before the first row holding each; `note_digits` in the harness's _channel.py). Which
 * characters are digits depends on the Unicode version, and Node's is not Python's: Node 20 (Unicode 17) knows Kawi
 * and Nag Mundari digits, Python 3.11 (Unicode 14) reads them as letters, and so does the SDK (fidelity 468). One
 * table per sync (the writer's), so one connector's records never change how another run reads its text.
 */
export type PythonDigits = Map<number, number>;
const NO_DIGITS: ReadonlyMap<number, number> = new Map();

/**
 * Learns what the harness said into a sync's table. The channel is the connector's own file descriptor: only
 * characters past ASCII that Node's own tables call decimal digits are taken (Unicode adds digits, never removes
 * them), with a value from 0 to 9.
 */
export function learnPythonDigits(into: PythonDigits, digits: unknown): void {
  if (!Array.isArray(digits)) return;
  for (const d of digits) {
    if (!Array.isArray(d)) continue;
    const [cp, value] = d as unknown[];
    if (typeof cp !== "number" || typeof value !== "number" || !Number.isInteger(cp) || !Number.isInteger(value)) continue;
    if (cp > 0x7f && cp <= 0x10ffff && value >= 0 && value <= 9 && ONE_DIGIT.test(String.fromCodePoint(cp))) into.set(cp, value);
  }
}

const ONE_DIGIT = /^\p{Nd}$/u;

/** The text with the characters Python reads as decimal digits written as ASCII digits; others as they are. */
function asciiDigits(text: string, digits: ReadonlyMap<number, number>): string {
  return text.replace(UNICODE_DIGIT, (d) => {
    const v = digits.get(d.codePointAt(0)!);
    return v === undefined ? d : String(v);
  });
}

function asciiTextType(value: string): string | null {
  if (value === "") return null;
  const c = value.charCodeAt(0);
  // Fast path: text that starts with a letter other than those of true/false/t/f/NaN/Infinity is text.
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x7a && lower !== 0x74 && lower !== 0x66 && c !== 0x4e && c !== 0x49) return "VARCHAR";
  if (value.length <= 5 && BOOL_WORDS.has(value.toLowerCase())) return "BOOLEAN";
  // Fast path: the fixed-width dates and times most APIs send, read by char code. A sync sniffs every such cell of
  // an undeclared column, and the regular expressions below (with their captures) were most of its Node CPU.
  const fixed = fixedMomentType(value);
  if (fixed !== undefined) return fixed;
  if (INTEGER.test(value)) {
    const digits = value.replace(/^-+/, "");
    if (!value.startsWith("-") && digits.length > 1 && digits[0] === "0") return "VARCHAR";
    if (digits.length < 18) return "BIGINT";
    const n = BigInt(value);
    return n >= LONG_MIN && n <= LONG_MAX ? "BIGINT" : "VARCHAR";
  }
  if (value === "NaN" || value === "Infinity") return "DOUBLE";
  if (FLOAT.test(value)) return Number.isFinite(Number(value)) ? "DOUBLE" : "VARCHAR";
  let m = DATE.exec(value);
  if (m) return validDate(+m[1], +m[2], +m[3]) ? "DATE" : "VARCHAR";
  m = DATETIME.exec(value);
  if (m) {
    const [, y, mo, d, sep, h, mi, s, off] = m;
    if (!validDate(+y, +mo, +d) || +h > 23 || +mi > 59 || +(s ?? 0) > 59) return "VARCHAR";
    if (off && sep === " ") return "VARCHAR";
    return off ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
  }
  return "VARCHAR";
}

function isDigit(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  return c >= 48 && c <= 57;
}

/**
 * textType of `YYYY-MM-DD`, `YYYY-MM-DD[Tt ]HH:MM:SS` and `YYYY-MM-DD[Tt]HH:MM:SSZ`, the answer the general path's
 * DATE and DATETIME expressions give for them; undefined for any other text, which the general path takes.
 */
function fixedMomentType(s: string): string | undefined {
  const n = s.length;
  if (n !== 10 && n !== 19 && n !== 20) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  if (!isDigit(s, 0) || !isDigit(s, 1) || !isDigit(s, 2) || !isDigit(s, 3) || !isDigit(s, 5) || !isDigit(s, 6) || !isDigit(s, 8) || !isDigit(s, 9)) return undefined;
  const valid = validDate(digits2(s, 0) * 100 + digits2(s, 2), digits2(s, 5), digits2(s, 8));
  if (n === 10) return valid ? "DATE" : "VARCHAR";
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) return undefined;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  if (!isDigit(s, 11) || !isDigit(s, 12) || !isDigit(s, 14) || !isDigit(s, 15) || !isDigit(s, 17) || !isDigit(s, 18)) return undefined;
  if (n === 20 && s.charCodeAt(19) !== 90) return undefined;
  if (!valid || digits2(s, 11) > 23 || digits2(s, 14) > 59 || digits2(s, 17) > 59) return "VARCHAR";
  if (n === 19) return "TIMESTAMP";
  return sep === 32 ? "VARCHAR" : "TIMESTAMP WITH TIME ZONE";
}

export function cellType(cell: Cell, digits: ReadonlyMap<number, number> = NO_DIGITS): string | null {
  if (cell === null) return null;
  if (typeof cell === "string") return textType(cell, digits);
  if (cell instanceof JsonCell) return "JSON";
  if (cell instanceof FloatCell) return cell.single ? "FLOAT" : "DOUBLE";
  return "BLOB";
}

/** The type that holds both (the core's merge). */
export function mergeTypes(a: string, b: string): string {
  if (a === b) return a;
  if (a === "JSON" || b === "JSON") return "JSON";
  for (const order of [NUMBER_TYPES, MOMENT_TYPES]) {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia >= 0 && ib >= 0) return order[Math.max(ia, ib)];
  }
  return "VARCHAR";
}

const INTEGER_DIGITS: Record<string, number> = { BOOLEAN: 1, SMALLINT: 5, INTEGER: 10, BIGINT: 19 };

/** The type a column of type `old` widens to in order to hold `incoming` too, or null if it is not widened. */
export function widerType(old: string, incoming: string): string | null {
  const a = DECIMAL_RE.exec(old);
  const b = DECIMAL_RE.exec(incoming);
  if (a && b) {
    const scale = Math.max(+a[2], +b[2]);
    const whole = Math.max(+a[1] - +a[2], +b[1] - +b[2]);
    return `DECIMAL(${Math.min(38, whole + scale)},${scale})`;
  }
  if ((a && (incoming === "FLOAT" || incoming === "DOUBLE")) || (b && (old === "FLOAT" || old === "DOUBLE"))) {
    return a ? incoming : old;
  }
  if ((a && incoming in INTEGER_DIGITS) || (b && old in INTEGER_DIGITS)) {
    const dec = (a ?? b)!;
    const digits = a ? INTEGER_DIGITS[incoming] : INTEGER_DIGITS[old];
    const scale = +dec[2];
    return `DECIMAL(${Math.min(38, scale + Math.max(+dec[1] - scale, digits))},${scale})`;
  }
  if (LATTICE.has(old) && LATTICE.has(incoming)) return mergeTypes(old, incoming);
  return null;
}

// ---------------------------------------------------------------- staging (the core's stage_text)

/**
 * A value the core's staging raises on: a float whose text the connector's decimal context refuses (356). The SDK's
 * flush raises it, so the checkpoint that writes it fails with its message.
 */
export class StagedValueError extends Error {}

/** Java's Float.toString / Double.toString, for floats written to text columns. */
export function javaFloatText(cell: FloatCell): string {
  if (cell.refused !== undefined) throw new StagedValueError(cell.refused);
  if (cell.java !== undefined) return cell.java;
  let value = cell.value;
  if (Number.isNaN(value)) return "NaN";
  if (cell.single) value = Math.fround(value);
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(value);
  let shortest = abs.toExponential();
  if (cell.single) {
    for (let n = 0; n <= 8; n++) {
      const s = halfEvenExponential(abs, n);
      if (Math.fround(Number(s)) === abs) {
        shortest = s;
        break;
      }
    }
  }
  const [mant, expText] = shortest.split("e");
  const exponent = Number(expText);
  const digits = mant.replace(".", "").replace(/0+$/, "") || "0";
  let text: string;
  if (exponent >= -3 && exponent < 7) {
    const whole = exponent >= 0 ? digits.slice(0, exponent + 1).padEnd(exponent + 1, "0") : "0";
    const fraction = (exponent >= 0 ? digits.slice(exponent + 1) : "0".repeat(-exponent - 1) + digits) || "0";
    text = `${whole}.${fraction}`;
  } else {
    text = `${digits[0]}.${digits.slice(1) || "0"}E${exponent}`;
  }
  return (value < 0 ? "-" : "") + text;
}

/**
 * `x.toExponential(n)` rounded as Python's format(x, ".ne") rounds (the core's search for a float's shortest digits):
 * both round the exact value of x, but a tie (x exactly halfway, 2357719.25 to 8 digits) goes up in JavaScript and
 * to the even digit in Python (2.3577192e+6).
 */
function halfEvenExponential(x: number, n: number): string {
  const s = x.toExponential(n);
  // A tie has exactly n + 2 significant digits, the last a 5: x.toExponential(n + 1) shows them, then exactly.
  const longer = x.toExponential(n + 1);
  const e = longer.indexOf("e");
  if (longer.charCodeAt(e - 1) !== 53 || !isExactly(x, longer)) return s;
  const digits = longer.slice(0, e).replace(".", "");
  const kept = digits.slice(0, n + 1);
  // JavaScript rounded up; Python keeps an even last digit as it is.
  if ((kept.charCodeAt(n) - 48) % 2 === 1) return s;
  return (n > 0 ? `${kept[0]}.${kept.slice(1)}` : kept) + longer.slice(e);
}

const F64 = new Float64Array(1);
const F64_BITS = new BigUint64Array(F64.buffer);

/** Whether decimal text (m.mmme±k) is exactly the double x (x > 0, finite). */
function isExactly(x: number, text: string): boolean {
  const [mant, expText] = text.split("e");
  const frac = mant.split(".")[1] ?? "";
  let lhs = BigInt(mant.replace(".", ""));
  const k = Number(expText) - frac.length; // text = lhs × 10^k
  F64[0] = x;
  const bits = F64_BITS[0];
  const biased = Number((bits >> 52n) & 0x7ffn);
  let rhs = biased === 0 ? bits & 0xfffffffffffffn : (bits & 0xfffffffffffffn) | (1n << 52n);
  const e2 = (biased === 0 ? 1 : biased) - 1075; // x = rhs × 2^e2
  if (k >= 0) lhs *= 10n ** BigInt(k);
  else rhs *= 10n ** BigInt(-k);
  if (e2 >= 0) rhs <<= BigInt(e2);
  else lhs <<= BigInt(-e2);
  return lhs === rhs;
}

const SMALLEST_NORMAL: Record<string, number> = { FLOAT: 1.1754943508222875e-38, DOUBLE: 2.2250738585072014e-308 };

function limitFloat(text: string, kind: string, digits: ReadonlyMap<number, number>): string {
  // The core reads the text with Python's float(), which takes Unicode decimal digits too (textType lets such text
  // into a DOUBLE column); the load refuses them unless the limit makes them "0.0".
  let n = Number(NON_ASCII.test(text) ? asciiDigits(text, digits) : text);
  if (Number.isNaN(n)) return text;
  if (kind === "FLOAT") n = Math.fround(n);
  if (n === 0 && !Object.is(n, -0)) return text;
  return Math.abs(n) < SMALLEST_NORMAL[kind] ? "0.0" : text;
}

/** Rounds decimal text half-up to `scale`, or null when it has more whole digits than the column holds. */
function limitDecimal(text: string, kind: string, pythonDigits: ReadonlyMap<number, number>): string | null {
  const [, pText, sText] = DECIMAL_RE.exec(kind)!;
  const precision = +pText;
  const scale = +sText;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(asPythonDecimal(text, pythonDigits));
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return text;
  const sign = m[1] === "-" ? "-" : "";
  let digits = (m[2] + (m[3] ?? "")).replace(/^0+(?=\d)/, "");
  let exp = Number(m[4] ?? 0) - (m[3] ?? "").length; // value = digits × 10^exp
  // Zero is never too wide; with more digits after the point than the scale it is quantized, its sign kept.
  if (/^0*$/.test(digits)) return -exp > scale ? sign + (scale > 0 ? `0.${"0".repeat(scale)}` : "0") : text;
  digits = digits.replace(/^0+/, "");
  const adjusted = digits.length - 1 + exp;
  if (adjusted + 1 > Math.max(precision - scale, 0)) return null;
  if (-exp > scale) {
    // Round half up to `scale` digits after the point.
    const keep = digits.length - (-exp - scale);
    let kept = keep > 0 ? digits.slice(0, keep) : "0";
    const first = keep >= 0 ? (digits[keep] ?? "0") : "0";
    if (keep >= 0 && first >= "5") kept = (BigInt(kept) + 1n).toString();
    exp = -scale;
    digits = kept;
    const padded = digits.padStart(scale + 1, "0");
    const out = scale > 0 ? `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}` : padded;
    return sign + out;
  }
  return text;
}

/** Whether Python's str.isspace() takes this character (its Decimal() strips such around a number). */
function isPythonSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * Text as Python's Decimal() reads it before parsing: Unicode decimal digits as ASCII ones, the spaces around it
 * dropped, then every underscore (digit grouping) removed. Any other character is left for the parse to refuse, as
 * Decimal() refuses it.
 */
function asPythonDecimal(text: string, digits: ReadonlyMap<number, number>): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (isPythonSpace(c)) out += " ";
    else if (c > 0x7f && digits.has(c)) out += String(digits.get(c));
    else out += ch;
  }
  return out.replace(/^ +| +$/g, "").replaceAll("_", "");
}

/** The text loaded into a column of type `kind` for a cell, or null for NULL (`digits`: the sync's, see PythonDigits). */
export function stageText(cell: Cell, kind: string, digits: ReadonlyMap<number, number> = NO_DIGITS): string | null {
  if (cell === null) return null;
  if (cell instanceof FloatCell) {
    if (cell.text === "NaN") return null;
    if (kind === "VARCHAR" || kind === "JSON") return javaFloatText(cell);
    const text = cell.text;
    if (kind === "FLOAT" || kind === "DOUBLE") return limitFloat(text, kind, digits);
    if (kind.startsWith("DECIMAL")) return limitDecimal(text, kind, digits);
    return text;
  }
  if (Buffer.isBuffer(cell)) {
    const b64 = cell.toString("base64");
    return kind === "JSON" ? JSON.stringify(b64) : b64;
  }
  const isJson = cell instanceof JsonCell;
  const value = isJson ? cell.text : cell;
  let text: string | null;
  if (value === "") text = kind === "VARCHAR" ? "" : null;
  // The core's json.dumps(text, ensure_ascii=False): text that reached here is valid Unicode (the harness refuses
  // lone surrogates), for which JSON.stringify escapes exactly the same characters the same way.
  else if (kind === "JSON") text = isJson ? value : JSON.stringify(value);
  else if (value.length <= 5 && NUMBER_TYPES.indexOf(kind) > 0 && BOOL_WORDS.has(value.toLowerCase())) {
    text = value.toLowerCase().startsWith("t") ? "1" : "0";
  } else if ((kind === "FLOAT" || kind === "DOUBLE") && value === "NaN") text = null;
  else text = value;
  if (text === null) return null;
  if (kind === "FLOAT" || kind === "DOUBLE") return limitFloat(text, kind, digits);
  if (kind.startsWith("DECIMAL")) return limitDecimal(text, kind, digits);
  return text;
}

/** Column types loaded from native values instead of text and a CAST (the common types of a sync). */
export type NativeKind = "BOOLEAN" | "SMALLINT" | "INTEGER" | "BIGINT" | "DOUBLE" | "FLOAT" | "TIMESTAMP WITH TIME ZONE" | "TIMESTAMP" | "DATE" | "JSON";
const NATIVE_KINDS: ReadonlySet<string> = new Set<NativeKind>(["BOOLEAN", "SMALLINT", "INTEGER", "BIGINT", "DOUBLE", "FLOAT", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP", "DATE", "JSON"]);

/** Whether a column of this type is loaded from native values (nativeValue()); DECIMAL(p,s) is, as its scaled integer. */
export function isNativeKind(kind: string): boolean {
  return NATIVE_KINDS.has(kind) || DECIMAL_RE.test(kind);
}
/** A cell the native path does not take on: the column is loaded as text and CAST, as the general path does. */
export const MISFIT = Symbol("misfit");

const PLAIN_INT = /^-?\d{1,18}$/;
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * The value `CAST(stageText(cell, kind) AS kind)` gives, for the cells whose conversion is exact in JavaScript
 * (plain integers in range, JS-rounded decimals, decimals that fit their column, the boolean words, fixed-width
 * dates and times, JSON text from Python's own encoder); MISFIT for any other. A number is the `_fivetran_synced`
 * time in microseconds. Times are microseconds since the epoch, dates days, a DECIMAL its integer scaled by 10^s.
 */
export function nativeValue(cell: Cell | number, kind: string): boolean | bigint | number | string | null | typeof MISFIT {
  if (cell === null) return null;
  if (typeof cell === "number") return kind === "TIMESTAMP WITH TIME ZONE" ? BigInt(cell) : MISFIT;
  if (typeof cell === "string") {
    if (cell === "") return null;
    switch (kind) {
      case "INTEGER":
      case "SMALLINT": {
        const n = nativeValue(cell, "BIGINT");
        if (typeof n !== "bigint") return MISFIT;
        // Out of range the CAST raises DuckDB's own error.
        const limit = kind === "INTEGER" ? 2147483648n : 32768n;
        return n >= -limit && n < limit ? Number(n) : MISFIT;
      }
      case "BOOLEAN":
        // The words textType() calls BOOLEAN, in any case, as DuckDB's CAST reads them.
        if (cell === "true" || cell === "false") return cell === "true";
        if (cell.length > 5) return MISFIT;
        switch (cell.toLowerCase()) {
          case "true":
          case "t":
            return true;
          case "false":
          case "f":
            return false;
        }
        return MISFIT;
      case "BIGINT":
        if (cell === "true" || cell === "false") return cell === "true" ? 1n : 0n;
        return PLAIN_INT.test(cell) ? BigInt(cell) : MISFIT;
      case "DOUBLE": {
        if (cell === "true" || cell === "false") return cell === "true" ? 1 : 0;
        if (cell === "NaN") return null;
        if (!PLAIN_DECIMAL.test(cell)) return MISFIT;
        // Both round a decimal to the nearest double; limitFloat makes subnormals (and -0) a plain 0.
        const n = Number(cell);
        if (!Number.isFinite(n)) return MISFIT;
        return Math.abs(n) < SMALLEST_NORMAL.DOUBLE ? 0 : n;
      }
      case "FLOAT": {
        if (cell === "true" || cell === "false") return cell === "true" ? 1 : 0;
        if (cell === "NaN") return null;
        return PLAIN_DECIMAL.test(cell) ? single(Number(cell)) : MISFIT;
      }
      case "TIMESTAMP WITH TIME ZONE":
        return plainUtcMicros(cell);
      case "TIMESTAMP":
        return plainNaiveMicros(cell);
      case "DATE":
        return plainDays(cell);
    }
    if (kind === "JSON") return jsonText(JSON.stringify(cell));
    if (kind.startsWith("DECIMAL")) return scaledDecimal(cell, kind);
  }
  // JSON from Python's own encoder is JSON; text the connector's encoder wrote is checked by the CAST.
  if (cell instanceof JsonCell && kind === "JSON") return cell.standard && cell.text !== "" ? jsonText(cell.text) : MISFIT;
  if (cell instanceof FloatCell && (kind === "DOUBLE" || kind === "FLOAT")) {
    const v = cell.value;
    if (Number.isNaN(v)) return null;
    // The cell's text reads back as exactly this double, so rounding it to a float is rounding the text.
    if (kind === "FLOAT") return single(v);
    return Math.abs(v) < SMALLEST_NORMAL.DOUBLE ? 0 : v;
  }
  return MISFIT;
}

const F32 = new Float32Array(1);
const F32_BITS = new Uint32Array(F32.buffer);

/**
 * What DuckDB's CAST of a decimal text to FLOAT gives, from the double `x` nearest that text; MISFIT where it
 * cannot be told. Rounding the text to a float directly and rounding it first to a double, then to a float, agree
 * unless the double lands exactly halfway between two floats (1 + 2^-24, the double of "1.0000000596046448", is
 * such a tie: Math.fround rounds it to even, 1, while the text lies just above it and DuckDB gives the float
 * above). Ties, values out of a float's range, and those that limitFloat makes 0 go the text way.
 */
function single(x: number): number | typeof MISFIT {
  if (x === 0) return 0;
  const f = Math.fround(x);
  if (!Number.isFinite(f) || Math.abs(f) < SMALLEST_NORMAL.FLOAT) return MISFIT;
  if (f === x) return f;
  // The float on the other side of x: one step of the bit pattern away from f, towards x.
  F32[0] = f;
  F32_BITS[0] += x > f === f > 0 ? 1 : -1;
  const other = F32[0];
  // Both differences are exact (Sterbenz): x lies between two neighbouring floats.
  return x - f === other - x ? MISFIT : f;
}

function digits2(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;
}

/**
 * Microseconds of `YYYY-MM-DD`, or of `YYYY-MM-DD HH:MM:SS` with a space, `T` or `t` between (castExpr() makes a
 * `t` a `T`), as a TIMESTAMP: a valid time, year 1000 on (Date.UTC reads years 0-99 as 1900-1999); MISFIT for any
 * other text, which the CAST reads.
 */
function plainNaiveMicros(s: string): bigint | typeof MISFIT {
  const n = s.length;
  if (n !== 10 && n !== 19) return MISFIT;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return MISFIT;
  for (const at of n === 10 ? DATE_DIGITS : NAIVE_DIGITS) if (!isDigit(s, at)) return MISFIT;
  const y = digits2(s, 0) * 100 + digits2(s, 2);
  const mo = digits2(s, 5);
  const d = digits2(s, 8);
  if (y < 1000 || !validDate(y, mo, d)) return MISFIT;
  if (n === 10) return BigInt(Date.UTC(y, mo - 1, d)) * 1000n;
  const sep = s.charCodeAt(10);
  if ((sep !== 32 && sep !== 84 && sep !== 116) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return MISFIT;
  const h = digits2(s, 11);
  const mi = digits2(s, 14);
  const sec = digits2(s, 17);
  if (h > 23 || mi > 59 || sec > 59) return MISFIT;
  return BigInt(Date.UTC(y, mo - 1, d, h, mi, sec)) * 1000n;
}
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];
const NAIVE_DIGITS = [...DATE_DIGITS, 11, 12, 14, 15, 17, 18];

/** Days since 1970-01-01 of `YYYY-MM-DD` (a valid date, year 1000 on), or MISFIT. */
function plainDays(s: string): number | typeof MISFIT {
  if (s.length !== 10) return MISFIT;
  const micros = plainNaiveMicros(s);
  return micros === MISFIT ? MISFIT : Number(micros / 86_400_000_000n);
}

/**
 * JSON text as DuckDB's CAST to JSON keeps it (unchanged), or MISFIT where the CAST may refuse it: an escaped
 * surrogate, which DuckDB refuses unpaired (and is left to it paired too).
 */
function jsonText(text: string): string | typeof MISFIT {
  return text.includes("\\ud") || text.includes("\\uD") ? MISFIT : text;
}

const SCALED_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A DECIMAL(p,s) cell as its integer scaled by 10^s: plain decimal text with at most s digits after the point and
 * p - s before it; MISFIT for the rest (text to round, exponents, values out of range, words), which the CAST
 * reads as limitDecimal() left it.
 */
function scaledDecimal(cell: string, kind: string): bigint | typeof MISFIT {
  const [, pText, sText] = DECIMAL_RE.exec(kind) ?? [];
  if (pText === undefined) return MISFIT;
  const scale = +sText;
  const m = SCALED_DECIMAL.exec(cell);
  if (!m) return MISFIT;
  const whole = m[2].replace(/^0+(?=\d)/, "");
  const fraction = m[3] ?? "";
  if (fraction.length > scale || (whole !== "0" && whole.length > +pText - scale)) return MISFIT;
  const scaled = BigInt(whole + fraction.padEnd(scale, "0"));
  return m[1] ? -scaled : scaled;
}

/** Microseconds of `YYYY-MM-DDTHH:MM:SSZ` (a valid time, year 1000 on), or MISFIT. */
function plainUtcMicros(s: string): bigint | typeof MISFIT {
  if (!isPlainUtc(s)) return MISFIT;
  // Digits read by code, not by slicing: this runs once per timestamp cell of a checkpoint, and six substrings
  // per cell were most of its cost. isPlainUtc has checked that every position read here is a digit.
  const y = digits2(s, 0) * 100 + digits2(s, 2);
  const mo = digits2(s, 5);
  const d = digits2(s, 8);
  const h = digits2(s, 11);
  const mi = digits2(s, 14);
  const sec = digits2(s, 17);
  if (y < 1000 || !validDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) return MISFIT;
  return BigInt(Date.UTC(y, mo - 1, d, h, mi, sec)) * 1000n;
}
