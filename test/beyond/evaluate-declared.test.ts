import { describe, expect, it } from "vitest";
import { declaredFindings } from "../../src/evaluate/data.js";
import type { TableSnapshot } from "../../src/evaluate/types.js";
import { runSync } from "../../src/runner/index.js";
import { makeProject } from "./helpers.js";

const snap = (table: string, cols: [string, string][], primaryKey: string[]): TableSnapshot => ({
  table,
  columns: [...cols, ["_fivetran_deleted", "BOOLEAN"], ["_fivetran_synced", "TIMESTAMP WITH TIME ZONE"]].map(([name, type]) => ({ name, type })),
  primaryKey,
  rows: 3,
  deleted: 0,
  alwaysNull: [],
  duplicateKeys: 0,
  nullKeys: 0,
});

describe("declared versus observed schema", () => {
  it("flags a declared column that never arrived, a type that drifted from its declaration and a key that differs", () => {
    const f = declaredFindings(
      [
        { table: "Orders", primary_key: ["orderId"], columns: { amount: { type: "DECIMAL", precision: 10, scale: 2 }, createdAt: { type: "UTC_DATETIME" }, note: { type: "STRING" } } },
        { table: "missing_table", primary_key: ["id"] },
      ],
      [
        snap(
          "orders",
          [
            ["order_id", "BIGINT"],
            ["amount", "DECIMAL(10,2)"],
            ["created_at", "VARCHAR"],
          ],
          ["order_id"],
        ),
      ],
    );
    const by = (check: string) => f.filter((x) => x.rule === check).map((x) => x.message);
    expect(by("data:declared_column_present").join("\n")).toContain("note");
    expect(by("data:declared_type_kept").join("\n")).toContain("created_at");
    expect(by("data:declared_type_kept").join("\n")).not.toContain("amount");
    expect(by("data:declared_table_present").join("\n")).toContain("missing_table");
    expect(f.some((x) => x.rule === "data:declared_primary_key")).toBe(false);
  });

  it("is quiet when the warehouse matches the declaration", () => {
    const f = declaredFindings(
      [{ table: "items", primary_key: ["id"], columns: { qty: { type: "INT" } } }],
      [
        snap(
          "items",
          [
            ["id", "BIGINT"],
            ["qty", "INTEGER"],
          ],
          ["id"],
        ),
      ],
    );
    expect(f).toEqual([]);
  });

  it("the embedded engine reports what schema() declared", async () => {
    const dir = makeProject({
      "connector.py": `from fivetran_connector_sdk import Connector, Operations as op

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"], "columns": {"qty": "INT"}}]

def update(configuration, state):
    op.upsert("items", {"id": 1, "qty": 2})
    op.checkpoint({"done": True})

connector = Connector(update=update, schema=schema)
`,
    });
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.status).toBe("succeeded");
    expect(r.declaredTables).toEqual([{ table: "items", primary_key: ["id"], columns: { qty: { type: "INT" } } }]);
  });
});
