import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HARNESS_DIR } from "../../src/paths.js";

// The channel's fast path for rows of a shape seen before (_channel.row, class _Fast) must send exactly what the
// general path sends: the same records, cells and _fivetran_id, in the same order. The same rows go through the
// harness twice in one python3, once with the fast path turned off, and the records are compared one by one (a
// {"t":"rows"} batch is split into its rows, since batches end on time as well as on size).
const SCRIPT = String.raw`
import datetime, decimal, enum, io, json, sys
sys.path.insert(0, sys.argv[1])
from fivetran_connector_sdk import _channel

class Text(str):
    pass

class Level(enum.IntEnum):
    LOW = 1

DECLARED = {"b": "BOOLEAN", "s": "SHORT", "i": "INT", "l": "LONG", "fl": "FLOAT", "d": "DOUBLE", "dec": "DECIMAL",
            "str": "STRING", "x": "XML", "u": "UTC_DATETIME", "nd": "NAIVE_DATETIME", "day": "NAIVE_DATE", "j": "JSON",
            "bin": "BINARY", "t": "NAIVE_TIME"}

def rows():
    values = ["plain", "", "caf\u00e9", "emoji \U0001F600", "nul\x00inside", "quote ' and \" and \\", "\n\t\x1f", Text("sub"), "12abc", "1", "0", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.5+02:00",
              "2024-01-02 03:04:05", "2024-13-01", "2024-02-29", " 2024-01-02t03:04:05 ", datetime.date(2024, 1, 2),
              datetime.datetime(2024, 1, 2, 3, 4, 5, 6), datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc),
              0, 1, -1, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 2 ** 63, 2 ** 70, True, False, None, Level.LOW,
              0.5, 1.0, -0.0, 1e22, 1e-7, float("nan"), float("inf"), 2.5e-320, decimal.Decimal("1.10"),
              {"a": [1, 2.0]}, [1, "x"], b"\x00\xff", {"set": {1, 2}}, [datetime.date(2024, 1, 2)],
              {"n": "nul\x00", "e": "\U0001F600", 2: float("nan")}, [[], {}], {"lone": "\ud800"}, 7.0, 2 ** 53 + 0.5]
    out = []
    for i, v in enumerate(values):
        # The same shape many times over, its value changing type under it.
        for table in ("keyed", "keyless"):
            out.append(("upsert", table, {"id": i, "v": v, "w": "row %d" % i, "f": i + 0.25}, None))
            out.append(("upsert", table, {"id": i, "v": "steady", "w": v, "f": i * 1.0}, None))
        out.append(("update", "keyed", {"id": i, "v": v}, "other_schema"))
        # A declared table: the value goes through every declared type (most refuse most values), and an
        # undeclared column beside them.
        for column in DECLARED:
            out.append(("upsert", "declared", {"id": i, column: v, "extra": v}, None))
            out.append(("upsert", "declared_keyless", {"n": i, column: v}, None))
        out.append(("delete", "keyless", {"id": i, "v": v, "w": "row %d" % i, "f": i + 0.25}, None))
    return out

class NoFast(dict):
    """Remembers nothing: every row takes the general path."""
    def __setitem__(self, key, value):
        pass

def run(fast):
    for name in ("_tables", "_shapes", "_hash_orders", "_prefixes"):
        getattr(_channel, name).clear()
    _channel._fast = {}
    _channel._last_fast = None
    _channel._batch_clear()
    buf = io.StringIO()
    _channel._out = buf
    declared = {c: {"type": t} for c, t in DECLARED.items()}
    declared["dec"] = {"type": "DECIMAL", "precision": 10, "scale": 2}
    _channel.declare([{"table": "keyed", "primary_key": ["id"]}, {"table": "keyless"},
                      {"table": "declared", "primary_key": ["id"], "columns": declared}, {"table": "declared_keyless", "columns": declared}])
    if not fast:
        _channel._fast = NoFast()
    sent = []
    for kind, table, data, schema in rows():
        try:
            _channel.row(kind, table, data, schema)
            sent.append("ok")
        except Exception as e:
            sent.append(type(e).__name__ + ": " + str(e))
    _channel.flush()
    records = []
    for line in buf.getvalue().splitlines():
        r = json.loads(line)
        if r["t"] == "rows":
            ids = r.get("ids") or [None] * len(r["rows"])
            records += [[r["op"], r["table"], r.get("schema"), r["shape"], cells, rid] for cells, rid in zip(r["rows"], ids)]
        else:
            records.append(r)
    return {"records": records, "calls": sent}

fast = run(True)
slow = run(False)
print(json.dumps({"fast": fast, "slow": slow}))
`;

describe("channel fast path", () => {
  it("sends the same records as the general path for rows whose values change type under one shape", () => {
    const out = JSON.parse(execFileSync("python3", ["-c", SCRIPT, join(HARNESS_DIR)], { encoding: "utf8", maxBuffer: 16 << 20 }));
    expect(out.fast.calls).toEqual(out.slow.calls);
    expect(out.fast.records).toEqual(out.slow.records);
    // Every value of the undeclared tables went through (a NUL is dropped from the text); declared types refuse
    // many, at the call, with the SDK's errors.
    const refused = out.fast.calls.filter((c: string) => c !== "ok");
    expect(refused.length).toBeGreaterThan(300);
    expect(refused).toContain("ValueError: Unsupported data type encountered. Please use valid data types.");
    expect(refused.some((c: string) => c.startsWith("TypeError: Integer column requires int"))).toBe(true);
    const rows = out.fast.records.filter((r: unknown) => Array.isArray(r));
    expect(rows.length).toBe(out.fast.calls.length - refused.length);
    // Keyless rows carry their _fivetran_id; rows of the declared keyed table do not ("keyed" in other_schema was
    // never declared, so it is keyless too).
    const hashed = rows.filter((r: unknown[]) => r[1] === "keyless" || r[2] === "other_schema");
    expect(hashed.every((r: unknown[]) => typeof r[5] === "string" && r[5].length === 28)).toBe(true);
    expect(rows.filter((r: unknown[]) => r[1] === "keyed" && r[2] === null).every((r: unknown[]) => r[5] === null)).toBe(true);
  });
});
