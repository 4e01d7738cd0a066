// The row shapes of the sync benchmarks (issue 11), shared by sync.mjs (end to end, against the floor), writer.mjs
// (the Node half alone) and harness.mjs (the Python half's instructions per row). Each stresses another part of the
// value path: ROW is a Python expression of i (CATEGORIES is a list of five words), SCHEMA what schema() returns.
export const WIDE_COLUMNS = 120;
export const SHAPES = {
  typed: {
    about: "typed ints, floats and bools, no declared types",
    row: `{"id": i, "a": i * 3, "b": i % 7, "c": -i, "d": i * 1000003, "f": i * 0.5 + 0.25, "g": i / 3.0, "h": (i % 1000) / 8.0 + 0.125, "ok": i % 2 == 0, "no": i % 3 == 0}`,
    schema: `[{"table": "bench_rows", "primary_key": ["id"]}]`,
  },
  strings: {
    about: "strings shaped like timestamps, dates, numbers and booleans (inferred)",
    row: `{"id": str(i), "ts": "2024-01-%02dT%02d:%02d:00Z" % (i % 28 + 1, i % 24, i % 60), "naive": "2024-02-%02d %02d:00:00" % (i % 28 + 1, i % 24), "day": "2024-03-%02d" % (i % 28 + 1), "n": str(i * 7), "x": "%d.25" % i, "flag": "true" if i % 2 else "false", "t": "t" if i % 3 else "f", "code": "A%06d" % i, "text": "plain text %d" % i}`,
    schema: `[{"table": "bench_rows", "primary_key": ["id"]}]`,
  },
  json: {
    about: "nested JSON (a dict and a list per row)",
    row: `{"id": i, "doc": {"name": "item %d" % i, "tags": ["a", "b", i % 5], "dims": {"w": i % 100, "h": 2.5, "ok": True}}, "items": [{"sku": "s%d" % i, "qty": i % 9}, {"sku": "t%d" % i, "qty": 1}], "note": "n%d" % i}`,
    schema: `[{"table": "bench_rows", "primary_key": ["id"]}]`,
  },
  wide: {
    about: `${WIDE_COLUMNS} columns (ints, floats, strings)`,
    row: `dict([("id", i)] + [("c%03d" % k, (i + k) if k % 3 == 0 else ((i + k) * 0.5 + 0.25 if k % 3 == 1 else "v%d" % (i + k))) for k in range(${WIDE_COLUMNS - 1})])`,
    schema: `[{"table": "bench_rows", "primary_key": ["id"]}]`,
    rowsDivisor: 6,
  },
  declared: {
    about: "a declared schema with types for every column",
    row: `{"id": i, "n": i % 30000, "big": i * 1000003, "amount": i * 1.25, "ratio": (i % 1000) / 7.0, "ok": i % 2 == 0, "name": "customer %d" % i, "at": "2024-01-%02dT%02d:%02d:00Z" % (i % 28 + 1, i % 24, i % 60), "day": "2024-02-%02d" % (i % 28 + 1), "price": "%d.%02d" % (i % 1000, i % 100)}`,
    schema: `[{"table": "bench_rows", "primary_key": ["id"], "columns": {"id": "LONG", "n": "INT", "big": "LONG", "amount": "DOUBLE", "ratio": "FLOAT", "ok": "BOOLEAN", "name": "STRING", "at": "UTC_DATETIME", "day": "NAIVE_DATE", "price": {"type": "DECIMAL", "precision": 10, "scale": 2}}}]`,
  },
  keyless: {
    about: "a table without a primary key (every row hashed into _fivetran_id)",
    row: `{"seq": i, "name": "customer %d" % i, "amount": i * 1.25, "active": i % 3 == 0, "category": CATEGORIES[i % 5], "note": "row %d" % i}`,
    schema: `[{"table": "bench_rows"}]`,
  },
};

/**
 * A Python script that sends a shape's rows through the harness's _channel exactly as a run would: argv is the
 * harness's folder, the file the records go to, the number of rows, and a checkpoint every that many rows (0: none).
 * schema() is read first as the SDK reads it (a column's type given as a name becomes {"type": name}).
 */
export function harnessScript(shape) {
  return `
import io, sys
sys.path.insert(0, sys.argv[1])
from fivetran_connector_sdk import _channel
_channel._out = io.open(sys.argv[2], "w", encoding="utf-8", newline="\\n")
CATEGORIES = ["alpha", "beta", "gamma", "delta", "epsilon"]
tables = ${shape.schema}
for t in tables:
    t["columns"] = {k: (v if isinstance(v, dict) else {"type": v}) for k, v in t.get("columns", {}).items()}
_channel.schema(tables)
_channel.declare(tables)
rows, every = int(sys.argv[3]), int(sys.argv[4])
for i in range(rows):
    _channel.row("upsert", "bench_rows", ${shape.row})
    if every and (i + 1) % every == 0:
        _channel.checkpoint({"cursor": i + 1})
if every and rows % every:
    _channel.checkpoint({"cursor": rows})
_channel.flush()
`;
}
