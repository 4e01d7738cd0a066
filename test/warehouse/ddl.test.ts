import { describe, expect, it } from "vitest";
import { duckdb } from "../../src/warehouse/duckdb.js";
import { CANONICAL_TYPE, TableSchemas } from "../../src/warehouse/writer/ddl.js";

describe("TableSchemas (table definitions in DuckDB)", () => {
  it("knows a table it created as DuckDB's catalog describes it, without asking", async () => {
    // A real in-memory DuckDB: every type ensureTable() keeps from its own CREATE must read back as spelled, or
    // the cache would hold a type the catalog names otherwise (and a later widening would compare wrong).
    const instance = await duckdb.DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      const kinds = ["BOOLEAN", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE", "VARCHAR", "JSON", "BLOB", "DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "DECIMAL(10,2)", "DECIMAL(38,0)"];
      for (const k of kinds) expect(k).toMatch(CANONICAL_TYPE);
      const columns = new Map(kinds.map((k, i) => [`c${i}`, k]));
      const schemas = new TableSchemas(conn);
      const made = await schemas.ensureTable("main", "t", columns, ["c3"]);
      expect([...made]).toEqual([...columns]);
      expect(await schemas.primaryKey("main", "t")).toEqual(["c3"]);
      // A fresh reader asks the catalog: the same answer.
      const fresh = new TableSchemas(conn);
      expect([...(await fresh.columns("main", "t"))]).toEqual([...columns]);
      expect(await fresh.primaryKey("main", "t")).toEqual(["c3"]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
