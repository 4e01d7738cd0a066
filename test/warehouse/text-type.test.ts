import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { learnPythonDigits, textType, type PythonDigits } from "../../src/warehouse/cells.js";
import { pythonDigitsOf } from "../helpers/python-digits.js";

// textType reads fixed-width dates and times by char code (a fast path, issue 11's bench). What it must give is
// what the regular expressions alone gave, which this reference keeps: the type the SDK's core sniffs from text. The
// core's patterns are Python's, whose \d is any Unicode decimal digit, read by int() and float() as its value.
const INTEGER = /^-?\p{Nd}+$/u;
const FLOAT = /^[+-]?(\p{Nd}+\.\p{Nd}*|\.\p{Nd}+)([eE][+-]?\p{Nd}+)?$/u;
const DATE = /^(\p{Nd}{4})-(\p{Nd}{2})-(\p{Nd}{2})$/u;
const DATETIME = /^(\p{Nd}{4})-(\p{Nd}{2})-(\p{Nd}{2})([Tt ])(\p{Nd}{2}):(\p{Nd}{2})(?::(\p{Nd}{2})(?:\.\p{Nd}{1,9})?)?(Z|[+-]\p{Nd}{2}:\p{Nd}{2})?$/u;
// The zeros of the digit runs the cases below use: ASCII, Arabic-Indic, extended Arabic-Indic, Devanagari, full-width,
// and the five mathematical runs.
const ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0xff10, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6];
function ascii(text: string): string {
  return text.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    const zero = ZEROS.find((z) => cp >= z && cp < z + 10);
    if (zero === undefined) throw new Error(`no zero known for ${d}`);
    return String(cp - zero);
  });
}
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const validDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1]);

function reference(value: string): string | null {
  if (value === "") return null;
  const c = value.charCodeAt(0);
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x7a && lower !== 0x74 && lower !== 0x66 && c !== 0x4e && c !== 0x49) return "VARCHAR";
  if (value.length <= 5 && ["true", "false", "t", "f"].includes(value.toLowerCase())) return "BOOLEAN";
  if (INTEGER.test(value)) {
    const digits = value.replace(/^-+/, "");
    if (!value.startsWith("-") && [...digits].length > 1 && digits[0] === "0") return "VARCHAR";
    const n = BigInt(ascii(value));
    return n >= -(2n ** 63n) && n <= 2n ** 63n - 1n ? "BIGINT" : "VARCHAR";
  }
  if (value === "NaN" || value === "Infinity") return "DOUBLE";
  if (FLOAT.test(value)) return Number.isFinite(Number(ascii(value))) ? "DOUBLE" : "VARCHAR";
  let m = DATE.exec(value);
  if (m) return validDate(+ascii(m[1]), +ascii(m[2]), +ascii(m[3])) ? "DATE" : "VARCHAR";
  m = DATETIME.exec(value);
  if (m) {
    const [y, mo, d, sep, h, mi, s, off] = m.slice(1).map((part) => (part === undefined ? undefined : ascii(part)));
    if (!validDate(+y!, +mo!, +d!) || +h! > 23 || +mi! > 59 || +(s ?? 0) > 59) return "VARCHAR";
    if (off && sep === " ") return "VARCHAR";
    return off ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
  }
  return "VARCHAR";
}

describe("textType", () => {
  // A sync learns from the harness which characters its Python reads as digits; so do these tests, from python3.
  let digits: PythonDigits = new Map();
  beforeAll(() => (digits = pythonDigitsOf([...ZEROS.map((z) => Array.from({ length: 10 }, (_, i) => String.fromCodePoint(z + i)).join("")), "\u{11f50}\u{1e4f0}"])));

  it("gives the fixed-width dates and times the types the general path gives them", () => {
    const cases: [string, string][] = [
      ["2024-01-31", "DATE"],
      ["2024-02-30", "VARCHAR"],
      ["2000-02-29", "DATE"],
      ["1900-02-29", "VARCHAR"],
      ["0000-02-29", "DATE"],
      ["2024-01-01T00:00:00Z", "TIMESTAMP WITH TIME ZONE"],
      ["2024-01-01t23:59:59Z", "TIMESTAMP WITH TIME ZONE"],
      ["2024-01-01 00:00:00Z", "VARCHAR"],
      ["2024-01-01 00:00:00", "TIMESTAMP"],
      ["2024-01-01T24:00:00", "VARCHAR"],
      ["2024-01-01T00:60:00Z", "VARCHAR"],
      ["2024-13-01T00:00:00", "VARCHAR"],
      ["2024-01-01x00:00:00", "VARCHAR"],
      ["2024-01-01T00:00:00z", "VARCHAR"],
      ["2024-01-01T00:00:00+00:00", "TIMESTAMP WITH TIME ZONE"],
      ["2024-01-01T00:00Z", "TIMESTAMP WITH TIME ZONE"],
    ];
    for (const [text, type] of cases) {
      expect([text, textType(text, digits)]).toEqual([text, type]);
      expect([text, reference(text)]).toEqual([text, type]);
    }
  });

  it("reads Unicode decimal digits as the SDK's core does (Python's \\d, int() and float())", () => {
    // Each type as the core's _text_type gave it, in the test venv's Python.
    const cases: [string, string][] = [
      ["１２３", "BIGINT"],
      ["٠١", "BIGINT"],
      ["-٠١", "BIGINT"],
      ["0٠", "VARCHAR"],
      ["٠", "BIGINT"],
      ["\u{1d7ce}\u{1d7cf}", "BIGINT"],
      ["\u{1d7d9}\u{1d7e2}", "BIGINT"],
      ["１".repeat(19), "BIGINT"],
      ["９".repeat(19), "VARCHAR"],
      ["１.５", "DOUBLE"],
      ["１.５e１０", "DOUBLE"],
      ["٫٥", "VARCHAR"],
      ["1e５", "VARCHAR"],
      ["٣".repeat(400) + ".5", "VARCHAR"],
      ["２０２４-01-01", "DATE"],
      ["２０２４-02-30", "VARCHAR"],
      ["2024-01-01T１０:00:00", "TIMESTAMP"],
      ["2024-01-01T10:00:00+０５:30", "TIMESTAMP WITH TIME ZONE"],
      ["abc١", "VARCHAR"],
    ];
    for (const [text, type] of cases) {
      expect([text, textType(text, digits)]).toEqual([text, type]);
      expect([text, reference(text)]).toEqual([text, type]);
    }
  });

  it("takes digits only from its own sync's table, and only characters that are decimal digits", () => {
    const told: PythonDigits = new Map();
    // As a connector could forge them on its channel: a letter, ASCII, a value out of range, not numbers.
    learnPythonDigits(told, [[0xe9, 5], [0x41, 1], [0x663, 12], ["x", 1], 7, [0x664, 4]]);
    expect([...told]).toEqual([[0x664, 4]]);
    expect(textType("1\u00e9", told)).toBe("VARCHAR");
    expect(textType("\u0664\u0664", told)).toBe("BIGINT");
    // Another sync's table knows nothing of it.
    expect(textType("\u0664\u0664", new Map())).toBe("VARCHAR");
  });

  it("reads as text the digits Node knows and the connector's Python does not (Kawi and Nag Mundari, Unicode 15)", () => {
    // python3 here is 3.11 (Unicode 14): int("\u{11f54}") fails there, and the core's \d does not match it.
    const python = execFileSync("python3", ["-c", "import unicodedata; print(unicodedata.unidata_version)"], { encoding: "utf8" }).trim();
    if (Number(python.split(".")[0]) >= 15) return;
    for (const text of ["\u{11f54}\u{11f52}", "\u{1e4f4}\u{1e4f2}", "\u{11f53}.\u{11f55}", "2024-01-\u{11f50}\u{11f51}"]) expect([text, textType(text, digits)]).toEqual([text, "VARCHAR"]);
  });

  it("agrees with the regular expressions on many strings shaped like dates, times and numbers", () => {
    // A fixed seed: the same strings every run.
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const templates = ["dddd-dd-dd", "dddd-dd-ddTdd:dd:dd", "dddd-dd-ddTdd:dd:ddZ", "dddd-dd-dd dd:dd:dd", "dddd-dd-dd dd:dd:ddZ", "-ddddddddddddddddddd", "dd.dde+d"];
    const noise = "0123456789-:TtZz .+eE\u0660\uff11a";
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      const chars = [...templates[rand(templates.length)]].map((ch) => (ch === "d" ? String(rand(10)) : ch));
      // Most strings keep their shape; some get one character changed, dropped or added.
      const edit = rand(4);
      const at = rand(chars.length);
      if (edit === 1) chars[at] = noise[rand(noise.length)];
      else if (edit === 2) chars.splice(at, 1);
      else if (edit === 3) chars.splice(at, 0, noise[rand(noise.length)]);
      const text = chars.join("");
      expect([text, textType(text, digits)]).toEqual([text, reference(text)]);
      checked++;
    }
    expect(checked).toBe(20_000);
  });
});
