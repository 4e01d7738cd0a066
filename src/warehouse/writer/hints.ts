import type { SyncTable } from "./batch.js";

// What a run's early-write warnings tell the connector to do about them (writer.ts, early.ts): checkpoint sooner,
// or declare the columns, in schema()'s own words and names.

/** The name the connector gives a column of the table (b_neg0 for the column b_neg_0): what schema() declares. */
export function sourceName(t: SyncTable, column: string): string {
  const i = t.index.get(column);
  for (const [name, src] of t.sources) if (src.index === i) return name;
  return column;
}

/** The type to declare in schema() for a column of this DuckDB type. */
const SDK_TYPE_OF: Record<string, string | undefined> = {
  VARCHAR: "STRING",
  JSON: "JSON",
  DOUBLE: "DOUBLE",
  FLOAT: "FLOAT",
  BIGINT: "LONG",
  BOOLEAN: "BOOLEAN",
  DATE: "NAIVE_DATE",
  TIMESTAMP: "NAIVE_DATETIME",
  "TIMESTAMP WITH TIME ZONE": "UTC_DATETIME",
};

/**
 * What the connector can do about an early write that read differently: checkpoint at least every `spillRows`
 * operations, or declare the columns (the connector's names, with their DuckDB types) in schema().
 */
export function earlyWriteRemedy(spillRows: number, columns: [string, string | undefined][]): string {
  const declared = columns.flatMap(([c, duckType]) => {
    const type = duckType === undefined ? undefined : SDK_TYPE_OF[duckType];
    return type ? [`${JSON.stringify(c)}: "${type}"`] : [];
  });
  const how = declared.length ? ` (\`"columns": {${declared.join(", ")}}\` in the table's entry)` : "";
  const whose = columns.length === 1 ? "the column's type" : "the columns' types";
  return `Call op.checkpoint(state) at least every ${spillRows.toLocaleString("en-US")} operations, or declare ${whose} in schema()${how}.`;
}
