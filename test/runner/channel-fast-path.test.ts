import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HARNESS_DIR } from "../../src/paths.js";

// The channel's fast path for rows of a shape seen before (_channel.row, class _Fast) must send exactly what the
// general path sends: the same records, cells and _fivetran_id, in the same order. The same rows go through the
// harness twice in one python3, once with the fast path turned off, and the records are compared one by one (a
// {"t":"rows"} batch is split into its rows, since batches end on time as well as on size).
const SCRIPT = String.raw`
import decimal, enum, io, json, sys
sys.path.insert(0, sys.argv[1])
from fivetran_connector_sdk import _channel

class Text(str):
    pass

class Level(enum.IntEnum):
    LOW = 1

def rows():
    values = ["plain", "", "caf\u00e9", "emoji \U0001F600", "nul\x00inside", "quote ' and \" and \\", "\n\t\x1f", Text("sub"),
              0, 1, -1, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 2 ** 63, 2 ** 70, True, False, None, Level.LOW,
              0.5, 1.0, -0.0, 1e22, 1e-7, float("nan"), float("inf"), 2.5e-320, decimal.Decimal("1.10"),
              {"a": [1, 2.0]}, [1, "x"], b"\x00\xff"]
    out = []
    for i, v in enumerate(values):
        # The same shape many times over, its value changing type under it.
        for table in ("keyed", "keyless"):
            out.append(("upsert", table, {"id": i, "v": v, "w": "row %d" % i, "f": i + 0.25}, None))
            out.append(("upsert", table, {"id": i, "v": "steady", "w": v, "f": i * 1.0}, None))
        out.append(("update", "keyed", {"id": i, "v": v}, "other_schema"))
        out.append(("delete", "keyless", {"id": i, "v": v, "w": "row %d" % i, "f": i + 0.25}, None))
    return out

def run(fast):
    for name in ("_tables", "_shapes", "_hash_orders", "_prefixes", "_fast"):
        getattr(_channel, name).clear()
    _channel._last_fast = None
    _channel._batch_clear()
    buf = io.StringIO()
    _channel._out = buf
    _channel.declare([{"table": "keyed", "primary_key": ["id"]}, {"table": "keyless"}])
    if not fast:
        _channel._Fast.plan = lambda self, sig: False
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
    // Every value went through: a NUL is dropped from the text, a lone surrogate would be refused (none here).
    expect(out.fast.calls.filter((c: string) => c !== "ok")).toEqual([]);
    const rows = out.fast.records.filter((r: unknown) => Array.isArray(r));
    expect(rows).toHaveLength(32 * 6);
    // Keyless rows carry their _fivetran_id; rows of the declared keyed table do not ("keyed" in other_schema was
    // never declared, so it is keyless too).
    const hashed = rows.filter((r: unknown[]) => r[1] === "keyless" || r[2] === "other_schema");
    expect(hashed.every((r: unknown[]) => typeof r[5] === "string" && (r[5]).length === 28)).toBe(true);
    expect(rows.filter((r: unknown[]) => r[1] === "keyed" && r[2] === null).every((r: unknown[]) => r[5] === null)).toBe(true);
  });
});
