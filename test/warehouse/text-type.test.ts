import { describe, expect, it } from "vitest";
import { textType } from "../../src/warehouse/cells.js";

// textType reads fixed-width dates and times by char code (a fast path, issue 11's bench). What it must give is
// what the regular expressions alone gave, which this reference keeps: the type the SDK's core sniffs from text.
const INTEGER = /^-?\d+$/;
const FLOAT = /^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
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
    if (!value.startsWith("-") && digits.length > 1 && digits[0] === "0") return "VARCHAR";
    if (digits.length < 18) return "BIGINT";
    const n = BigInt(value);
    return n >= -(2n ** 63n) && n <= 2n ** 63n - 1n ? "BIGINT" : "VARCHAR";
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

describe("textType", () => {
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
      expect([text, textType(text)]).toEqual([text, type]);
      expect([text, reference(text)]).toEqual([text, type]);
    }
  });

  it("agrees with the regular expressions on many strings shaped like dates, times and numbers", () => {
    // A fixed seed: the same strings every run.
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const templates = ["dddd-dd-dd", "dddd-dd-ddTdd:dd:dd", "dddd-dd-ddTdd:dd:ddZ", "dddd-dd-dd dd:dd:dd", "dddd-dd-dd dd:dd:ddZ", "-ddddddddddddddddddd", "dd.dde+d"];
    const noise = "0123456789-:TtZz .+eE\u0660a";
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
      expect([text, textType(text)]).toEqual([text, reference(text)]);
      checked++;
    }
    expect(checked).toBe(20_000);
  });
});
