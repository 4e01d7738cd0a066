import { describe, expect, it } from "vitest";
import { duckdb } from "../../src/warehouse/duckdb.js";
import { Loader } from "../../src/warehouse/writer/load.js";

describe("Loader (rows appended into DuckDB)", () => {
  it("reports the error that failed an append, not the aborted transaction that closing the appender meets", async () => {
    // A real in-memory DuckDB: two rows of one key appended into a table with that primary key.
    const instance = await duckdb.DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      await conn.run("CREATE TABLE t (k BIGINT PRIMARY KEY, v VARCHAR)");
      await conn.run("BEGIN TRANSACTION");
      const loader = new Loader(conn, String, new Map());
      const rows = [
        ["1", "a"],
        ["1", "b"],
      ];
      const error = await loader.fill({ table: "t", schema: "main" }, ["BIGINT", "VARCHAR"], [0, 1], [true, false], rows).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error, "the append must fail").toBeInstanceOf(Error);
      expect(error!.message).not.toMatch(/transaction is aborted/i);
      expect(error!.message).toMatch(/duplicate key|PRIMARY KEY/i);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
