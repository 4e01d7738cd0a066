import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { DUCKDB_RESERVED } from "../../src/lint/rules/FT037.js";

describe("FT037's reserved-word list", () => {
  it("equals DuckDB's reserved keywords", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    const reader = await conn.runAndReadAll("SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category = 'reserved' ORDER BY 1");
    const words = reader.getRows().map((r) => String(r[0]).toLowerCase());
    conn.closeSync();
    expect([...DUCKDB_RESERVED].sort()).toEqual(words.sort());
  });
});
