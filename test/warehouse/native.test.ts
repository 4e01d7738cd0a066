// The native path (nativeValue) loads common column types without text and a CAST. Whatever it gives must be what
// DuckDB's CAST of the staged text gives, since the writer picks one path or the other by what is cheaper.
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { FloatCell, JsonCell, MISFIT, nativeValue, stageText, type Cell } from "../../src/warehouse/cells.js";
import { pythonDigitsOf } from "../helpers/python-digits.js";

/** DuckDB's value of CAST(text AS FLOAT) for each text (null for NULL), read back as a double. */
async function castToFloat(texts: (string | null)[]): Promise<(number | null)[]> {
  return (await castEach("SELECT CAST($1::VARCHAR AS FLOAT)::DOUBLE", texts)).map((v) => (v === null ? null : Number(v)));
}

describe("nativeValue for FLOAT columns", () => {
  // Plain decimals, floats the SDK sent, ties between two floats, the edges of a float's range.
  const tie = 1 + 2 ** -24;
  const cells: Cell[] = [
    "0",
    "1",
    "-7",
    "0.1",
    "3.14159",
    "123456789",
    "16777217",
    "0.3333333333333333",
    "true",
    "false",
    "NaN",
    "",
    "1.0000000596046448",
    "1e5",
    "3.4028235e38",
    "1e-40",
    new FloatCell(0.1, true, String(0.1)),
    new FloatCell(-2.5, true, String(-2.5)),
    new FloatCell(1 / 3, true, String(1 / 3)),
    new FloatCell(tie, true, String(tie)),
    new FloatCell(1 + 2 ** -23 + 2 ** -24, true, String(1 + 2 ** -23 + 2 ** -24)),
    new FloatCell(-tie, true, String(-tie)),
    new FloatCell(3.4028235677973366e38, true, String(3.4028235677973366e38)),
    new FloatCell(1.1754943508222875e-38, true, String(1.1754943508222875e-38)),
    new FloatCell(1e-45, true, String(1e-45)),
    new FloatCell(0, true, String(0)),
    new FloatCell(Number.NaN, true, String(Number.NaN)),
  ];

  it("gives what DuckDB's CAST of the staged text gives, or leaves the value to that CAST", async () => {
    const texts = cells.map((c) => stageText(c, "FLOAT"));
    const cast = await castToFloat(texts);
    let native = 0;
    for (let i = 0; i < cells.length; i++) {
      const v = nativeValue(cells[i], "FLOAT");
      if (v === MISFIT) continue;
      native++;
      expect(v, `cell ${String(texts[i])}`).toBe(cast[i]);
    }
    // Ten go the text way: four ties (16777217 is one, between 2^24 and 2^24 + 2) and the tie's text, three texts
    // with an exponent, a float past the largest one, and one below the smallest normal one.
    expect(native).toBe(cells.length - 10);
    expect(nativeValue(new FloatCell(tie, true, String(tie)), "FLOAT")).toBe(MISFIT);
    expect(nativeValue("1.0000000596046448", "FLOAT")).toBe(MISFIT);
    expect(nativeValue(new FloatCell(0.1, true, String(0.1)), "FLOAT")).toBe(Math.fround(0.1));
  });

  it("agrees with DuckDB on many random floats and on the doubles next to float ties", async () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values: number[] = [];
    for (let i = 0; i < 300; i++) values.push((next() - 0.5) * 10 ** Math.floor(next() * 20 - 10));
    // Just beside a tie, each double rounds to the float on its side; on the tie, the text decides.
    for (const base of [1, 1.5, 1000.25, 3e10]) {
      const f = Math.fround(base);
      const step = 2 ** (Math.floor(Math.log2(f)) - 24);
      values.push(f + step, f + step * (1 + 2 ** -20), f + step * (1 - 2 ** -20));
    }
    const cellsOf = values.map((v) => new FloatCell(v, true, String(v)));
    const cast = await castToFloat(cellsOf.map((c) => stageText(c, "FLOAT")));
    for (let i = 0; i < values.length; i++) {
      const v = nativeValue(cellsOf[i], "FLOAT");
      if (v !== MISFIT) expect(v, `value ${values[i]}`).toBe(cast[i]);
    }
  });
});

/** DuckDB's value of each SQL expression over $1 (the staged text), read back as a JS value (bigint as bigint). */
async function castEach(sql: string, texts: (string | null)[]): Promise<unknown[]> {
  const inst = await DuckDBInstance.create(":memory:");
  try {
    const conn = await inst.connect();
    const out: unknown[] = [];
    for (const t of texts) {
      try {
        const r = await conn.runAndReadAll(sql, [t]);
        out.push(r.getRows()[0][0]);
      } catch {
        out.push("cast error");
      }
    }
    conn.closeSync();
    return out;
  } finally {
    inst.closeSync();
  }
}

/** DuckDB's text of a DECIMAL with this scaled value. */
function decimalText(scaled: bigint, scale: number): string {
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(scale + 1, "0");
  return `${scaled < 0n ? "-" : ""}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}

/** Naive timestamps (and a date) that load natively in a TIMESTAMP column. */
const NAIVE_NATIVE = [
  "2024-02-01 05:00:00",
  "2024-02-01T05:00:00",
  "2024-02-01t05:00:00",
  "1970-01-01 00:00:00",
  "1969-12-31 23:59:59",
  "1000-01-01 00:00:00",
  "9999-12-31 23:59:59",
  "2024-02-29 12:34:56",
  "2024-01-01",
];

describe("nativeValue for BOOLEAN, integer, DECIMAL, TIMESTAMP and DATE columns", () => {
  // Every cell must load natively as the CAST would, or be left to the CAST (MISFIT); the common forms must load
  // natively, or a column of them sends every batch through a staging table.
  const cases: { kind: string; sql: string; cells: string[]; native: string[] }[] = [
    {
      kind: "INTEGER",
      sql: "SELECT CAST($1::VARCHAR AS INTEGER)::BIGINT",
      cells: ["0", "7", "-7", "2147483647", "-2147483648", "2147483648", "-2147483649", "true", "false", "T", "", "007", "1.5", "1e3"],
      native: ["0", "7", "-7", "2147483647", "-2147483648", "true", "false", "", "007"],
    },
    {
      kind: "SMALLINT",
      sql: "SELECT CAST($1::VARCHAR AS SMALLINT)::BIGINT",
      cells: ["0", "32767", "-32768", "32768", "-32769", "f", ""],
      native: ["0", "32767", "-32768", ""],
    },
    {
      kind: "DECIMAL(10,2)",
      sql: "SELECT CAST($1::VARCHAR AS DECIMAL(10,2))::VARCHAR",
      cells: ["0", "1", "-1", "12.5", "12.34", "-0.05", "99999999.99", "-99999999.99", "100000000", "12.345", "12.355", "1e2", " 1", "true", ".5", "5.", ""],
      native: ["0", "1", "-1", "12.5", "12.34", "-0.05", "99999999.99", "-99999999.99", ""],
    },
    {
      kind: "DECIMAL(38,10)",
      sql: "SELECT CAST($1::VARCHAR AS DECIMAL(38,10))::VARCHAR",
      cells: ["1234567890123456789012345678.0123456789", "-0.0000000001", "1.00000000001"],
      native: ["1234567890123456789012345678.0123456789", "-0.0000000001"],
    },
    {
      kind: "BOOLEAN",
      sql: "SELECT CAST($1::VARCHAR AS BOOLEAN)",
      cells: ["true", "false", "t", "f", "T", "F", "TRUE", "False", "tRuE", "", "1", "0", "yes"],
      native: ["true", "false", "t", "f", "T", "F", "TRUE", "False", "tRuE", ""],
    },
    {
      kind: "TIMESTAMP",
      sql: "SELECT epoch_us(CAST(REPLACE($1::VARCHAR, 't', 'T') AS TIMESTAMP))",
      cells: [...NAIVE_NATIVE, "0999-12-31 23:59:59", "0050-01-01 00:00:00", "2024-01-01 00:00:00.5", "2024-01-01 00:00", "2024-01-01 24:00:00", "2023-02-29 00:00:00", ""],
      native: [...NAIVE_NATIVE, ""],
    },
    {
      kind: "DATE",
      sql: "SELECT date_diff('day', DATE '1970-01-01', CAST($1::VARCHAR AS DATE))",
      cells: ["2024-03-01", "1970-01-01", "1969-12-31", "1000-01-01", "9999-12-31", "2024-02-29", "0999-12-31", "2023-02-29", "2024-3-1", ""],
      native: ["2024-03-01", "1970-01-01", "1969-12-31", "1000-01-01", "9999-12-31", "2024-02-29", ""],
    },
  ];

  for (const c of cases) {
    it(`gives what DuckDB's CAST of the staged text gives for ${c.kind}`, async () => {
      const texts = c.cells.map((cell) => stageText(cell, c.kind));
      const cast = await castEach(c.sql, texts);
      const loaded: string[] = [];
      for (let i = 0; i < c.cells.length; i++) {
        const v = nativeValue(c.cells[i], c.kind);
        if (v === MISFIT) continue;
        loaded.push(c.cells[i]);
        const want = cast[i];
        if (c.kind.startsWith("DECIMAL")) {
          // A DECIMAL loads as its integer scaled by 10^scale; DuckDB's text of the CAST says which one it holds.
          expect(v === null ? null : decimalText(v as bigint, Number(/,(\d+)\)/.exec(c.kind)![1])), `cell ${JSON.stringify(c.cells[i])}`).toEqual(want);
          continue;
        }
        expect(typeof v === "bigint" || typeof v === "number" ? BigInt(v) : v, `cell ${JSON.stringify(c.cells[i])}`).toEqual(typeof want === "number" ? BigInt(want) : want);
      }
      expect(loaded).toEqual(c.native);
    });
  }
});

describe("stageText for DECIMAL columns", () => {
  it("rounds, or nulls, text as Python's Decimal reads it: underscores, Unicode digits and spaces", () => {
    // What the SDK's core's stage_text gave for DECIMAL(6,2), in the test venv's Python.
    const cases: [string, string | null][] = [
      ["1_000.555", "1000.56"],
      ["\uff11.\uff12\uff13\uff14", "1.23"],
      ["\uff11\uff12\uff13\uff14\uff15\uff16\uff17", null],
      ["1_0e1_0", null],
      ["+1_2.3_4_5", "12.35"],
      ["\u0663.\u0661\u0664\u0661\u0665", "3.14"],
      ["\u00a01.555\u2003", "1.56"],
      ["\t-0.005\n", "-0.01"],
      ["\u200b1.555", "\u200b1.555"],
      ["\ufeff1.555", "\ufeff1.555"],
      ["1.555\u001c", "1.56"],
      ["1.5 5", "1.5 5"],
      ["0.000_0", "0.00"],
      ["-0.0000", "-0.00"],
      ["1__0", "1__0"],
      // Spaces are stripped before underscores go: one inside the number is refused.
      ["+2 _", "+2 _"],
      ["_ 6", "_ 6"],
      [" _1.555_ ", "1.56"],
      ["\ud835\udfd9.\ud835\udfd9\ud835\udfd9\ud835\udfd9", "1.11"],
    ];
    // A sync learns from the harness which characters its Python reads as digits; so does this test, from python3.
    const digits = pythonDigitsOf(cases.map(([cell]) => cell));
    for (const [cell, want] of cases) expect([cell, stageText(cell, "DECIMAL(6,2)", digits)]).toEqual([cell, want]);
  });
});

describe("nativeValue for JSON columns", () => {
  it("keeps the text a CAST to JSON keeps, and leaves to the CAST what it may refuse", async () => {
    const cells: Cell[] = [
      new JsonCell('{"a": 1, "b": [1.0, 2.50]}'),
      new JsonCell('{"n": NaN, "i": -Infinity}'),
      new JsonCell('"caf\\u00e9"'),
      new JsonCell("[]"),
      "plain text",
      'quote " and \\ backslash',
      "",
      // Left to the CAST: surrogate escapes (DuckDB refuses a lone one), text from a replaced json.dumps.
      new JsonCell('"\\ud800"'),
      new JsonCell('"\\ud83d\\ude00"'),
      new JsonCell("{not json", false),
      new JsonCell("[1, 2]", false),
    ];
    const texts = cells.map((c) => stageText(c, "JSON"));
    const cast = await castEach("SELECT CAST($1::VARCHAR AS JSON)::VARCHAR", texts);
    const loaded: number[] = [];
    for (let i = 0; i < cells.length; i++) {
      const v = nativeValue(cells[i], "JSON");
      if (v === MISFIT) continue;
      loaded.push(i);
      expect(v, `cell ${String(texts[i])}`).toBe(cast[i]);
    }
    expect(loaded).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(cast[7]).toBe("cast error");
  });
});
