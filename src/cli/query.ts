import { DEFAULT_MAX_ROWS, MAX_ROWS_LIMIT, queryWarehouse, type QueryResult } from "../warehouse/query.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_OK, numberOption, UsageError, runCommand, flag, str, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp query <DIR> <SQL> [--json] [--max-rows N]

Runs one read-only SELECT against DIR/files/warehouse.db (what debug wrote). Unqualified table names
resolve to the connector's schema (tester). Files, the network, settings and writes are refused.
  --max-rows N   most rows to print (default ${DEFAULT_MAX_ROWS}, at most ${MAX_ROWS_LIMIT})
  --json         print exactly one JSON object: { columns, rows, row_count, truncated, truncated_by }`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(argv, io, { json: flag, "max-rows": str }, async (values, positionals, json) => {
    if (positionals.length !== 2) throw new UsageError("query needs a folder and one SQL string");
    const maxRows = numberOption(values["max-rows"], "--max-rows", { whole: true, min: 1, max: MAX_ROWS_LIMIT }) ?? DEFAULT_MAX_ROWS;
    const dir = await new Workspace().projectDir(positionals[0]);
    const result = await queryWarehouse(dir, positionals[1], { maxRows });
    io.out(json ? JSON.stringify(result) : formatTable(result));
    return EXIT_OK;
  });
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "object") return JSON.stringify(v);
  if (typeof v === "string") return v.replace(/\n/g, "\\n");
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  return `(${typeof v})`;
}

/** A plain-text table like the duckdb shell's, cut to a readable width per column. */
export function formatTable(r: QueryResult): string {
  const header = r.columns.map((c) => c.name);
  const types = r.columns.map((c) => c.type.toLowerCase());
  const body = r.rows.map((row) =>
    row.map((v) => {
      const t = cellText(v);
      return t.length > 60 ? `${t.slice(0, 59)}…` : t;
    }),
  );
  const widths = header.map((h, i) => Math.max(h.length, types[i].length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(" | ");
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  const out = [line(header), line(types), rule, ...body.map(line)];
  out.push(`(${r.row_count} row${r.row_count === 1 ? "" : "s"}${r.truncated ? `, truncated by ${r.truncated_by}` : ""})`);
  return out.join("\n");
}
