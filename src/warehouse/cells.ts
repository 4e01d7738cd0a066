import { createHash } from "node:crypto";
import { ToolError } from "../errors.js";
import type { TaggedValue, WireValue } from "../protocol.js";

/**
 * Values on their way into the warehouse, reproducing the real SDK 3.0 step by step (docs/warehouse.md, "Types"):
 * a Python value becomes a cell (the SDK's type_coercion), a cell suggests a column type (the core's sniffing), types
 * merge, and a cell becomes the text that is CAST into its column (the core's staging).
 *
 * A cell is: null; a string (text, with NULs removed as the core does); JsonCell (JSON text); Buffer (bytes); or
 * FloatCell (a 32-bit "single" or 64-bit "double" float, with the literal text the SDK sent).
 */
export class JsonCell {
  constructor(readonly text: string) {}
}
export class FloatCell {
  private repr: string | undefined;
  constructor(
    /** The float the SDK sent (its text round-trips to exactly this number). */
    readonly value: number,
    readonly single: boolean,
  ) {}
  /** The literal text the SDK sends; made on first use, since a column typed DOUBLE is loaded from the number. */
  get text(): string {
    if (this.repr === undefined) {
      const x = this.value;
      this.repr = Number.isNaN(x) ? "NaN" : !Number.isFinite(x) ? (x > 0 ? "Infinity" : "-Infinity") : pyFloatRepr(x);
    }
    return this.repr;
  }
}
export type Cell = null | string | JsonCell | Buffer | FloatCell;

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;

// ---------------------------------------------------------------- Python's view of a wire value

type PyValue =
  | { t: "none" }
  | { t: "bool"; v: boolean }
  | { t: "int"; v: bigint }
  | { t: "float"; v: number }
  | { t: "str"; v: string }
  | { t: "decimal"; v: string }
  | { t: "datetime"; v: string; aware: boolean }
  | { t: "date"; v: string }
  | { t: "bytes"; v: Buffer }
  | { t: "list"; v: WireValue[] }
  | { t: "dict"; v: Record<string, WireValue> };

function isTagged(v: unknown): v is TaggedValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as TaggedValue).$ft === "string" && "v" in v;
}

function floatFromText(v: string | number): number {
  if (typeof v === "number") return v;
  const s = v.trim().toLowerCase();
  if (s === "nan") return NaN;
  if (s === "inf" || s === "infinity") return Infinity;
  if (s === "-inf" || s === "-infinity") return -Infinity;
  return Number(v);
}

export function pyValue(w: WireValue): PyValue {
  if (w === null || w === undefined) return { t: "none" };
  if (typeof w === "boolean") return { t: "bool", v: w };
  if (typeof w === "number") return Number.isInteger(w) ? { t: "int", v: BigInt(w) } : { t: "float", v: w };
  if (typeof w === "string") return { t: "str", v: w };
  if (Array.isArray(w)) return { t: "list", v: w };
  if (isTagged(w)) {
    switch (w.$ft) {
      case "float":
        return { t: "float", v: floatFromText(w.v) };
      case "int":
        return { t: "int", v: BigInt(String(w.v)) };
      case "decimal":
        return { t: "decimal", v: String(w.v) };
      case "datetime":
        return { t: "datetime", v: String(w.v), aware: true };
      case "naive_datetime":
        return { t: "datetime", v: String(w.v), aware: false };
      case "date":
        return { t: "date", v: String(w.v) };
      case "bytes":
        return { t: "bytes", v: Buffer.from(String(w.v), "base64") };
    }
  }
  return { t: "dict", v: w };
}

const PY_TYPE_NAMES: Record<PyValue["t"], string> = {
  none: "NoneType", bool: "bool", int: "int", float: "float", str: "str", decimal: "Decimal",
  datetime: "datetime", date: "date", bytes: "bytes", list: "list", dict: "dict",
};

// ---------------------------------------------------------------- Python text forms

/** Python's repr() of a float. */
export function pyFloatRepr(x: number): string {
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e16) {
    // Both print the shortest round-trip digits in fixed notation here; Python adds ".0" to whole numbers.
    const s = String(x);
    return s.includes(".") ? s : `${s}.0`;
  }
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let body: string;
  if (exp >= -4 && exp < 16) {
    if (exp >= 0) {
      const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
      const frac = digits.slice(exp + 1) || "0";
      body = `${whole}.${frac}`;
    } else {
      body = `0.${"0".repeat(-exp - 1)}${digits}`;
    }
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return neg ? `-${body}` : body;
}



const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's repr() of a str. */
export function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === "\\") out += "\\\\";
    else if (c === q) out += `\\${q}`;
    else if (c === "\t") out += "\\t";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp > 0x7f && c !== " " && NON_PRINTABLE.test(c)) {
      if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, "0")}`;
      else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, "0")}`;
      else out += `\\U${cp.toString(16).padStart(8, "0")}`;
    } else out += c;
  }
  return out + q;
}

/** Python's repr() of bytes. */
export function pyBytesRepr(b: Buffer): string {
  const hasSingle = b.includes(0x27);
  const q = hasSingle && !b.includes(0x22) ? '"' : "'";
  let out = `b${q}`;
  for (const byte of b) {
    if (byte === 0x5c) out += "\\\\";
    else if (String.fromCharCode(byte) === q) out += `\\${q}`;
    else if (byte === 0x09) out += "\\t";
    else if (byte === 0x0a) out += "\\n";
    else if (byte === 0x0d) out += "\\r";
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return out + q;
}

function jsonString(s: string, asciiOnly: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const code = s.charCodeAt(i);
    if (c === '"') out += '\\"';
    else if (c === "\\") out += "\\\\";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (c === "\b") out += "\\b";
    else if (c === "\f") out += "\\f";
    else if (code < 0x20 || (asciiOnly && code > 0x7e)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += c;
  }
  return `${out}"`;
}

/** Python's json.dumps(v) with its defaults (", " and ": ", ASCII escapes), or compact separators. */
export function pyJsonDumps(w: unknown, compact = false, asciiOnly = true): string {
  const sep = compact ? "," : ", ";
  const kv = compact ? ":" : ": ";
  const go = (x: unknown): string => {
    if (x === null || x === undefined) return "null";
    if (typeof x === "boolean") return x ? "true" : "false";
    if (typeof x === "number") {
      if (Number.isInteger(x) && Math.abs(x) < 1e21) return String(x);
      if (Number.isNaN(x)) return "NaN";
      if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
      return pyFloatRepr(x);
    }
    if (typeof x === "bigint") return x.toString();
    if (typeof x === "string") return jsonString(x, asciiOnly);
    if (Array.isArray(x)) return `[${x.map(go).join(sep)}]`;
    if (isTagged(x)) {
      const p = pyValue(x);
      if (p.t === "float") return Number.isNaN(p.v) ? "NaN" : Number.isFinite(p.v) ? pyFloatRepr(p.v) : p.v > 0 ? "Infinity" : "-Infinity";
      if (p.t === "int") return p.v.toString();
      throw new TypeError(`Object of type ${PY_TYPE_NAMES[p.t]} is not JSON serializable`);
    }
    return `{${Object.entries(x as Record<string, unknown>).map(([k, v]) => `${jsonString(k, asciiOnly)}${kv}${go(v)}`).join(sep)}}`;
  };
  return go(w);
}

/** Python's repr() of a plain value (used by str() of a dict or list). */
function pyRepr(p: PyValue): string {
  switch (p.t) {
    case "none": return "None";
    case "bool": return p.v ? "True" : "False";
    case "int": return p.v.toString();
    case "float": return pyFloatRepr(p.v);
    case "str": return pyStrRepr(p.v);
    case "decimal": return `Decimal('${p.v}')`;
    case "datetime": return `datetime(${p.v})`;
    case "date": return `date(${p.v})`;
    case "bytes": return pyBytesRepr(p.v);
    case "list": return `[${p.v.map((x) => pyRepr(pyValue(x))).join(", ")}]`;
    case "dict": return `{${Object.entries(p.v).map(([k, x]) => `${pyStrRepr(k)}: ${pyRepr(pyValue(x))}`).join(", ")}}`;
  }
}

/** Python's str(). */
function pyStr(p: PyValue): string {
  switch (p.t) {
    case "str": return p.v;
    case "decimal": return p.v;
    case "datetime": return p.v.length > 10 && p.v[10] === "T" ? `${p.v.slice(0, 10)} ${p.v.slice(11)}` : p.v;
    case "date": return p.v;
    default: return pyRepr(p);
  }
}

// ---------------------------------------------------------------- date and time arithmetic of the SDK

interface Moment {
  y: number; mo: number; d: number; h: number; mi: number; s: number; us: number;
  /** offset in minutes east of UTC; undefined when naive */
  off?: number;
}

function parseIsoMoment(text: string, requireOffset: boolean | "forbid"): Moment {
  // strptime with '%Y-%m-%dT%H:%M:%S[.%f][%z]' after the first space became a T.
  const s = text.trim().replace(" ", "T");
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2}(?::?\d{2})?)?$/.exec(s);
  if (!m || (requireOffset === true && !m[8]) || (requireOffset === "forbid" && m[8])) {
    throw new ValueError(`time data '${text}' does not match format`);
  }
  let off: number | undefined;
  if (m[8]) {
    if (m[8] === "Z") off = 0;
    else {
      const digits = m[8].slice(1).replace(/:/g, "");
      off = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * (m[8][0] === "-" ? -1 : 1);
    }
  }
  return { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: +m[6], us: m[7] ? Number(m[7].padEnd(6, "0")) : 0, off };
}

function toUtc(m: Moment): Moment {
  if (!m.off) return { ...m, off: undefined };
  const ms = Date.UTC(m.y, m.mo - 1, m.d, m.h, m.mi, m.s) - m.off * 60_000;
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), us: m.us };
}

const p2 = (n: number) => String(n).padStart(2, "0");
function isoNaive(m: Moment): string {
  const base = `${String(m.y).padStart(4, "0")}-${p2(m.mo)}-${p2(m.d)}T${p2(m.h)}:${p2(m.mi)}:${p2(m.s)}`;
  return m.us ? `${base}.${String(m.us).padStart(6, "0")}` : base;
}
function utcJsonString(m: Moment): string {
  const base = isoNaive({ ...m, us: 0 });
  if (m.us === 0) return `${base}Z`;
  if (m.us % 1000 === 0) return `${base}.${String(m.us / 1000).padStart(3, "0")}Z`;
  return `${base}.${String(m.us).padStart(6, "0")}Z`;
}

class ValueError extends Error {}

// ---------------------------------------------------------------- encoding (the SDK's type_coercion)

function fail(message: string): never {
  throw new ToolError("invalid_argument", message, "Send values of the type schema() declares for the column, or leave the column undeclared.");
}

function toInt(p: PyValue, kind: string): bigint {
  switch (p.t) {
    case "int": return p.v;
    case "bool": return p.v ? 1n : 0n;
    case "float":
      if (!Number.isInteger(p.v)) fail(`${kind} column requires int, got float`);
      return BigInt(p.v);
    case "str": {
      const s = p.v.trim().replace(/_/g, "");
      if (!/^[+-]?\d+$/.test(s)) fail(`invalid literal for int() with base 10: ${pyStrRepr(p.v)}`);
      return BigInt(s);
    }
    case "decimal": return BigInt(p.v.split(".")[0].replace(/^\+/, "") || "0");
    default: return fail(`int() argument must be a string, a bytes-like object or a real number, not '${PY_TYPE_NAMES[p.t]}'`);
  }
}

function toFloat(p: PyValue): number {
  switch (p.t) {
    case "float": return p.v;
    case "int": return Number(p.v);
    case "bool": return p.v ? 1 : 0;
    case "decimal":
    case "str": {
      const n = floatFromText(p.v.replace(/_/g, ""));
      if (Number.isNaN(n) && !/nan/i.test(p.v)) fail(`could not convert string to float: ${pyStrRepr(p.v)}`);
      return n;
    }
    default: return fail(`float() argument must be a string or a real number, not '${PY_TYPE_NAMES[p.t]}'`);
  }
}

function floatCell(x: number, single: boolean): FloatCell {
  return new FloatCell(x, single);
}

function momentOf(p: PyValue, requireOffset: boolean | "forbid"): Moment {
  if (p.t === "datetime") return parseIsoMoment(p.v, false);
  if (p.t === "str") {
    try {
      return parseIsoMoment(p.v, requireOffset);
    } catch (e) {
      fail(`time data ${pyStrRepr(p.v)} does not match format '%Y-%m-%dT%H:%M:%S${requireOffset === true ? "%z" : ""}'`);
    }
  }
  return fail(`strptime() argument 1 must be str, not ${PY_TYPE_NAMES[p.t]}`);
}

/** The cell of a value for a column declared with an SDK type (or undefined: inferred). */
export function encodeValue(w: WireValue, declared?: string): Cell {
  // Fast paths for the values most rows are made of; each gives the same cell as the general path below, which
  // would first build a PyValue (and a BigInt for every integer).
  if (declared === undefined) {
    if (typeof w === "string") return w.includes("\0") ? w.replace(/\0/g, "") : w;
    if (typeof w === "boolean") return w ? "true" : "false";
    if (typeof w === "number") return Number.isSafeInteger(w) ? String(w) : Number.isInteger(w) ? encodeInferred(pyValue(w), w) : floatCell(w, true);
  } else if (typeof w === "number") {
    if (Number.isSafeInteger(w)) {
      if (declared === "LONG" || ((declared === "INT" || declared === "SHORT") && w >= -2147483648 && w <= 2147483647)) return String(w);
    } else if (!Number.isInteger(w) && (declared === "DOUBLE" || declared === "FLOAT")) return floatCell(w, declared === "FLOAT");
  } else if (typeof w === "string" && declared === "UTC_DATETIME" && isPlainUtc(w)) {
    // "YYYY-MM-DDTHH:MM:SSZ" is already the text the general path would rebuild from its parts.
    return w;
  }
  const p = pyValue(w);
  if (p.t === "none") return null;
  switch (declared) {
    case "BOOLEAN":
      if (p.t === "bool") return p.v ? "true" : "false";
      if (p.t === "int") return p.v !== 0n ? "true" : "false";
      if (p.t === "float") return p.v !== 0 ? "true" : "false";
      if (p.t === "str" && (p.v === "0" || p.v === "1")) return p.v === "1" ? "true" : "false";
      return fail(`BOOLEAN column does not accept ${PY_TYPE_NAMES[p.t]}`);
    case "SHORT":
    case "INT": {
      const v = toInt(p, "Integer");
      if (v < INT_MIN || v > INT_MAX) fail(`Value out of range: ${v}`);
      return v.toString();
    }
    case "LONG": {
      const v = toInt(p, "Long");
      if (v < LONG_MIN || v > LONG_MAX) fail(`Long value out of range: ${v}`);
      return v.toString();
    }
    case "FLOAT":
    case "DOUBLE":
      return floatCell(toFloat(p), declared === "FLOAT");
    case "DECIMAL":
      if (p.t === "bool") fail("DECIMAL column does not accept bool");
      if (p.t === "str") return p.v.replace(/\0/g, "");
      if (p.t === "int") return p.v.toString();
      return fail(`DECIMAL column requires str or int, got ${PY_TYPE_NAMES[p.t]}`);
    case "STRING":
      return pyStr(p).replace(/\0/g, "");
    case "XML":
      if (p.t !== "str") fail(`XML column requires str, got ${PY_TYPE_NAMES[p.t]}`);
      return p.v.replace(/\0/g, "");
    case "UTC_DATETIME":
      if (p.t === "date") return `${p.v}T00:00:00Z`;
      return utcJsonString(toUtc(momentOf(p, true)));
    case "NAIVE_DATETIME":
      if (p.t === "date") return `${p.v}T00:00:00`;
      return isoNaive(toUtc(momentOf(p, "forbid")));
    case "NAIVE_DATE":
      if (p.t === "date" || p.t === "datetime") return p.v.slice(0, 10);
      if (p.t === "str") {
        const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(p.v);
        if (!m) fail(`time data ${pyStrRepr(p.v)} does not match format '%Y-%m-%d'`);
        return `${m[1]}-${p2(+m[2])}-${p2(+m[3])}`;
      }
      return fail(`Expected str, datetime.date, or datetime.datetime, got <class '${PY_TYPE_NAMES[p.t]}'>`);
    case "JSON":
      try {
        return new JsonCell(pyJsonDumps(p.t === "decimal" || p.t === "datetime" || p.t === "date" || p.t === "bytes" ? w : w));
      } catch (e) {
        return fail((e as Error).message);
      }
    case "BINARY":
      if (p.t !== "bytes") fail(`BINARY column requires bytes or bytearray, got ${PY_TYPE_NAMES[p.t]}`);
      return p.v;
    case "NAIVE_TIME":
      return fail("Unsupported data type encountered. Please use valid data types.");
    default:
      return encodeInferred(p, w);
  }
}

/** Exactly `YYYY-MM-DDTHH:MM:SSZ` (two-digit fields, no fraction): text that UTC_DATETIME encoding leaves as it is. */
function isPlainUtc(s: string): boolean {
  if (s.length !== 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 90) return false;
  for (const i of UTC_DIGITS) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
const UTC_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

function encodeInferred(p: PyValue, w: WireValue): Cell {
  switch (p.t) {
    case "str": return p.v.includes("\0") ? p.v.replace(/\0/g, "") : p.v;
    case "bool": return p.v ? "true" : "false";
    case "int":
      // Beyond a Java long the SDK sends the number as a 32-bit float.
      if (p.v > LONG_MAX || p.v < -LONG_MAX) return floatCell(Number(p.v), true);
      return p.v.toString();
    case "float": return floatCell(p.v, true);
    case "bytes": return p.v;
    case "list":
    case "dict":
      try {
        return new JsonCell(pyJsonDumps(w));
      } catch (e) {
        return fail((e as Error).message);
      }
    default: return pyStr(p).replace(/\0/g, "");
  }
}

// ---------------------------------------------------------------- types (the core's cells.py)

export const NUMBER_TYPES = ["BOOLEAN", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE"];
export const MOMENT_TYPES = ["DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"];
const LATTICE = new Set([...NUMBER_TYPES, ...MOMENT_TYPES, "JSON", "BLOB", "VARCHAR"]);
export const DECIMAL_RE = /^DECIMAL\((\d+),\s*(\d+)\)$/;

const DECLARED_DUCKDB: Record<string, string> = {
  BOOLEAN: "BOOLEAN", SHORT: "SMALLINT", INT: "INTEGER", LONG: "BIGINT", FLOAT: "FLOAT", DOUBLE: "DOUBLE",
  NAIVE_DATE: "DATE", NAIVE_DATETIME: "TIMESTAMP", UTC_DATETIME: "TIMESTAMP WITH TIME ZONE", BINARY: "BLOB",
  XML: "VARCHAR", STRING: "VARCHAR", JSON: "JSON",
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

/** The type the core gives a piece of text, or null for "". */
export function textType(value: string): string | null {
  if (value === "") return null;
  const c = value.charCodeAt(0);
  // Fast path: text that starts with a letter other than those of true/false/t/f/NaN/Infinity is text.
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x7a && lower !== 0x74 && lower !== 0x66 && c !== 0x4e && c !== 0x49) return "VARCHAR";
  if (value.length <= 5 && BOOL_WORDS.has(value.toLowerCase())) return "BOOLEAN";
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

export function cellType(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === "string") return textType(cell);
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

/** Java's Float.toString / Double.toString, for floats written to text columns. */
export function javaFloatText(cell: FloatCell): string {
  let value = cell.value;
  if (Number.isNaN(value)) return "NaN";
  if (cell.single) value = Math.fround(value);
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(value);
  let shortest = abs.toExponential();
  if (cell.single) {
    for (let n = 0; n <= 8; n++) {
      const s = abs.toExponential(n);
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

const SMALLEST_NORMAL: Record<string, number> = { FLOAT: 1.1754943508222875e-38, DOUBLE: 2.2250738585072014e-308 };

function limitFloat(text: string, kind: string): string {
  let n = Number(text);
  if (Number.isNaN(n)) return text;
  if (kind === "FLOAT") n = Math.fround(n);
  if (n === 0 && !Object.is(n, -0)) return text;
  return Math.abs(n) < SMALLEST_NORMAL[kind] ? "0.0" : text;
}

/** Rounds decimal text half-up to `scale`, or null when it has more whole digits than the column holds. */
function limitDecimal(text: string, kind: string): string | null {
  const [, pText, sText] = DECIMAL_RE.exec(kind)!;
  const precision = +pText;
  const scale = +sText;
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return text;
  const sign = m[1] === "-" ? "-" : "";
  let digits = (m[2] + (m[3] ?? "")).replace(/^0+(?=\d)/, "");
  let exp = Number(m[4] ?? 0) - (m[3] ?? "").length; // value = digits × 10^exp
  if (/^0*$/.test(digits)) return text;
  digits = digits.replace(/^0+/, "");
  const adjusted = digits.length - 1 + exp;
  if (adjusted + 1 > Math.max(precision - scale, 0)) return null;
  if (-exp > scale) {
    // Round half up to `scale` digits after the point.
    const keep = digits.length - (-exp - scale);
    let kept = keep > 0 ? digits.slice(0, keep) : "0";
    const first = keep >= 0 ? digits[keep] ?? "0" : "0";
    if (keep >= 0 && first >= "5") kept = (BigInt(kept) + 1n).toString();
    exp = -scale;
    digits = kept;
    const padded = digits.padStart(scale + 1, "0");
    const out = scale > 0 ? `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}` : padded;
    return sign + out;
  }
  return text;
}

/** The text loaded into a column of type `kind` for a cell, or null for NULL. */
export function stageText(cell: Cell, kind: string): string | null {
  if (cell === null) return null;
  if (cell instanceof FloatCell) {
    if (cell.text === "NaN") return null;
    if (kind === "VARCHAR" || kind === "JSON") return javaFloatText(cell);
    const text = cell.text;
    if (kind === "FLOAT" || kind === "DOUBLE") return limitFloat(text, kind);
    if (kind.startsWith("DECIMAL")) return limitDecimal(text, kind);
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
  else if (kind === "JSON") text = isJson ? value : pyJsonDumps(value, false, false);
  else if (value.length <= 5 && NUMBER_TYPES.indexOf(kind) > 0 && BOOL_WORDS.has(value.toLowerCase())) {
    text = value.toLowerCase().startsWith("t") ? "1" : "0";
  } else if ((kind === "FLOAT" || kind === "DOUBLE") && value === "NaN") text = null;
  else text = value;
  if (text === null) return null;
  if (kind === "FLOAT" || kind === "DOUBLE") return limitFloat(text, kind);
  if (kind.startsWith("DECIMAL")) return limitDecimal(text, kind);
  return text;
}

/** Column types loaded from native values instead of text and a CAST (the common types of a sync). */
export type NativeKind = "BOOLEAN" | "BIGINT" | "DOUBLE" | "FLOAT" | "TIMESTAMP WITH TIME ZONE";
export const NATIVE_KINDS: ReadonlySet<string> = new Set<NativeKind>(["BOOLEAN", "BIGINT", "DOUBLE", "FLOAT", "TIMESTAMP WITH TIME ZONE"]);
/** A cell the native path does not take on: the column is loaded as text and CAST, as the general path does. */
export const MISFIT = Symbol("misfit");

const PLAIN_INT = /^-?\d{1,18}$/;
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * The value `CAST(stageText(cell, kind) AS kind)` gives, for the cells whose conversion is exact in JavaScript
 * (plain integers, JS-rounded decimals, true/false, `YYYY-MM-DDTHH:MM:SSZ`); MISFIT for any other. A number is
 * the `_fivetran_synced` time in microseconds. TIMESTAMP WITH TIME ZONE values are microseconds since the epoch.
 */
export function nativeValue(cell: Cell | number, kind: NativeKind): boolean | bigint | number | null | typeof MISFIT {
  if (cell === null) return null;
  if (typeof cell === "number") return kind === "TIMESTAMP WITH TIME ZONE" ? BigInt(cell) : MISFIT;
  if (typeof cell === "string") {
    if (cell === "") return null;
    switch (kind) {
      case "BOOLEAN":
        return cell === "true" ? true : cell === "false" ? false : MISFIT;
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
    }
  }
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

// ---------------------------------------------------------------- _fivetran_id

/** Python's repr() of a decoded cell. */
export function cellRepr(cell: Cell): string {
  if (cell === null) return "None";
  if (typeof cell === "string") return pyStrRepr(cell);
  if (cell instanceof JsonCell) return pyStrRepr(cell.text);
  if (cell instanceof FloatCell) return pyFloatRepr(cell.value);
  return pyBytesRepr(cell);
}

function codePointCompare(a: string, b: string): number {
  // Python sorts str by code point; JS compares UTF-16 units, which differs only past the BMP.
  if (a === b) return 0;
  const ai = [...a];
  const bi = [...b];
  for (let i = 0; i < Math.min(ai.length, bi.length); i++) {
    const d = ai[i].codePointAt(0)! - bi[i].codePointAt(0)!;
    if (d) return d;
  }
  return ai.length - bi.length;
}

/** The `_fivetran_id` of a row of a table without a primary key: base64(SHA-1) of its present columns (cells by
 * index of `columns`) in name order. */
export function rowHash(columns: readonly string[], cells: readonly (Cell | undefined)[]): string {
  const present: [string, Cell][] = [];
  for (let i = 0; i < cells.length; i++) if (cells[i] !== undefined) present.push([columns[i], cells[i]!]);
  present.sort((a, b) => codePointCompare(a[0], b[0]));
  const text = present.map(([n, c]) => `${n}=${cellRepr(c)}`).join("\x1f");
  return createHash("sha1").update(text, "utf8").digest("base64");
}
