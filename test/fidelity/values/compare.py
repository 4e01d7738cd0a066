"""Compares the harness's value conversion (_values.py) with the real SDK's, value by value, in one process.

For every declared type and for undeclared columns, each value goes through the SDK 3.0 type coercion and its core's
reading of the cell, and through the harness; the outcome (the cell the core reads, or the exception's type and
message) must be the same. Rows of a key-less table are hashed by both. Prints one JSON line per difference.
"""
import datetime
import decimal
import enum
import importlib.util
import json
import sys
import uuid

from fivetran_connector_sdk_cli import type_coercion as sdk
from fivetran_connector_sdk_core import runner as core_runner
from fivetran_connector_sdk_core.cells import Json, decode_row_data
from fivetran_connector_sdk_core.model import DataType

spec = importlib.util.spec_from_file_location("ftmcp_values", sys.argv[1])
ours = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ours)


class Color(enum.Enum):
    RED = 1


class Mask(enum.IntEnum):
    """An int subclass past a Java long goes as a float without a type, as a plain int does (540)."""

    HUGE = 2**70
    NEG = -(2**64)


class Loose(str):
    """A str whose == answers yes to anything: BOOLEAN asks it the SDK's questions, in the SDK's order."""

    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class Blob(bytes):
    """Its own __bytes__ counts for BINARY (bytes(v)), not without a type (the bytes it holds, 541)."""

    def __bytes__(self):
        return b"other"


UTC = datetime.timezone.utc
ODD = datetime.timezone(datetime.timedelta(hours=5, minutes=30, seconds=15))
VALUES = [
    True, False, 0, 1, -1, 7, 2 ** 31 - 1, 2 ** 31, -2 ** 31 - 1, 2 ** 53 + 1, 2 ** 63 - 1, 2 ** 63, -2 ** 63, 2 ** 70, -2 ** 70,
    0.0, -0.0, 1.0, 1.5, -2.5, 1e16, 1e22, 1e-7, 5e-324, 0.1 + 0.2, float("nan"), float("inf"), float("-inf"), 2.0 ** 63,
    "", " ", "0", "1", "12", " 42 ", "12abc", "1.5", "1e3", " nan ", "-inf", "1_000", "+5", "yes", "true", "a\x00b",
    "2024-01-02", "2024-1-5", "2024-01-02T03:04:05", "2024-01-02t03:04:05", " 2024-01-02 03:04:05 ", "2024-01-02T03:04:05Z",
    "2024-01-02T03:04:05+05:30", "2024-01-02T03:04:05.123+0530", "2024-01-02T03:04:05+05:30:15", "2024-01-02T24:00:00",
    "0005-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-01-02T03:04:05.1234567Z", "é✓", "\U00011F00",
    b"", b"\x00\xff'", bytearray(b"ab"), memoryview(b"m"), decimal.Decimal("1.10"), decimal.Decimal("NaN"), decimal.Decimal("-0"),
    datetime.date(2024, 1, 2), datetime.date(5, 1, 1), datetime.datetime(2024, 1, 2, 3, 4, 5), datetime.datetime(99, 12, 31, 23, 59, 59, 999999),
    datetime.datetime(2024, 1, 2, 3, 4, 5, 500000, tzinfo=UTC), datetime.datetime(2024, 1, 2, tzinfo=ODD), datetime.time(12, 30),
    datetime.timedelta(days=1), uuid.UUID(int=1), Color.RED, Mask.HUGE, Mask.NEG, Blob(b"ab"), Loose("x"), 1 + 2j, (1, "a"), [1, 2.0, None], {"b": 1, "10": 2, "x": [1.0, -0.0]},
    {"d": datetime.date(2024, 1, 1)}, {1: "a", None: "b"}, {(1, 2): "t"}, {"nan": float("nan")}, set(), frozenset([1]), range(2), None,
]


def nested(depth):
    v = []
    for _ in range(depth):
        v = [v]
    return v


# json.dumps's own checks: a value that holds itself (ValueError), one object twice (not circular), and nesting
# deeper than the recursion limit (RecursionError).
CIRCULAR_LIST = []
CIRCULAR_LIST.append(CIRCULAR_LIST)
CIRCULAR_DICT = {}
CIRCULAR_DICT["self"] = CIRCULAR_DICT
SHARED = [1, {"x": 2}]
VALUES += [CIRCULAR_LIST, CIRCULAR_DICT, {"a": SHARED, "b": [SHARED, SHARED]}, nested(5000)]
TYPES = [None, "BOOLEAN", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE", "DECIMAL", "STRING", "XML", "UTC_DATETIME", "NAIVE_DATETIME",
         "NAIVE_DATE", "JSON", "BINARY"]


def sdk_cell(kind, v):
    fn = sdk._COERCE_FN_BY_TYPE.get(getattr(DataType, kind) if kind else None, sdk._coerce_inferred)
    pfx, payload = fn(v)
    cell = decode_row_data({"c": pfx + payload})["c"]
    return described(cell, "double" if kind == "DOUBLE" else "single")


def described(cell, width):
    if cell is None:
        return ["null"]
    if isinstance(cell, Json):
        return ["json", str(cell)]
    if isinstance(cell, float):
        return ["float", width, repr(float(cell))]
    if isinstance(cell, bytes):
        return ["bytes", cell.hex()]
    return ["text", cell]


def our_cell(kind, v):
    wire = ours.DECLARED[kind](v) if kind else ours.inferred(v)
    # What src/warehouse/cells.ts makes of the wire form (protocol.ts).
    if wire is None:
        return ["null"]
    width = "double" if kind == "DOUBLE" else "single"
    if isinstance(wire, bool):
        return ["text", "true" if wire else "false"]
    if isinstance(wire, int):
        return ["text", str(wire)]
    if isinstance(wire, float):
        return ["float", width, repr(wire)]
    if isinstance(wire, str):
        return ["text", wire]
    tag = wire["$ft"]
    if tag == "float":
        return ["float", width, repr(float(wire["v"]))]
    if tag == "json":
        return ["json", wire["v"]]
    import base64
    return ["bytes", base64.b64decode(wire["v"]).hex()]


def shown(v):
    try:
        return repr(v)[:200]
    except RecursionError:
        return "a value nested too deep for repr()"


def outcome(fn, kind, v):
    try:
        return fn(kind, v)
    except Exception as e:  # noqa: BLE001 - the exception is the outcome compared
        return ["raises", type(e).__name__, str(e)]


checked = 0
for kind in TYPES:
    for v in VALUES:
        if v is None:
            continue  # None is NULL before any conversion, in both
        a, b = outcome(sdk_cell, kind, v), outcome(our_cell, kind, v)
        checked += 1
        if a != b:
            print(json.dumps({"type": kind, "value": shown(v), "sdk": a, "ours": b}))

# _fivetran_id: the core hashes the renamed row of decoded cells; the harness hashes its wire cells.
for v in VALUES:
    try:
        pfx, payload = sdk._coerce_inferred(v)
    except Exception:  # noqa: BLE001 - a value the SDK refuses is not hashed
        continue
    row = {"id": "x", "b_col": decode_row_data({"c": pfx + payload})["c"], "a": None}
    want = core_runner._hash(row)
    got = ours.row_hash(ours.HashOrder(["id", "b_col", "a"]), ["x", ours.inferred(v), None])
    checked += 1
    if want != got:
        print(json.dumps({"hash_of": shown(v), "sdk": want, "ours": got}))

# Column names become part of the hashed text (the harness builds it with an f-string whose code holds only
# positions): names that mean something to f-strings, % formatting or Python code must hash as plain text.
ODD_NAMES = ["{c[0]}", "}", "{", "%s", "%%", '"', "'", "\\", "n\nl", "N0", "B", "R", "c", "é_ß", "lambda", ""]
for i in range(len(ODD_NAMES)):
    names = ODD_NAMES[i:] + ODD_NAMES[:i]
    cells = ["x", 1, 2.5, True, None, "{}"] * 3
    cells = cells[: len(names)]
    want = core_runner._hash({n: None if c is None else decode_row_data({"c": b"".join(sdk._coerce_inferred(c))})["c"] for n, c in zip(names, cells)})
    got = ours.row_hash(ours.HashOrder(names), [None if c is None else ours.inferred(c) for c in cells])
    checked += 1
    if want != got:
        print(json.dumps({"hash_names": names, "sdk": want, "ours": got}))

# A wide row's text is built by several f-strings, joined (one of 10,000 fields took seconds to compile).
for width in (63, 64, 65, 129, 3000):
    names = ["c%04d" % i for i in range(width)]
    cells = (["x", 1, 2.5, True, None, "{}"] * (width // 6 + 1))[:width]
    want = core_runner._hash({n: None if c is None else decode_row_data({"c": b"".join(sdk._coerce_inferred(c))})["c"] for n, c in zip(names, cells)})
    got = ours.row_hash(ours.HashOrder(names), [None if c is None else ours.inferred(c) for c in cells])
    checked += 1
    if want != got:
        print(json.dumps({"hash_width": width, "sdk": want, "ours": got}))

# A connector may teach json.dumps its own types by replacing JSONEncoder.default (a common way to store dates):
# both then encode a date inside a dict or list with it.
json.JSONEncoder.default = lambda self, o: "custom:" + str(o)
for kind in (None, "JSON"):
    for v in ({"d": datetime.date(2024, 1, 1)}, [datetime.datetime(2024, 1, 2, 3, 4, 5)], {"u": uuid.UUID(int=1)}):
        a, b = outcome(sdk_cell, kind, v), outcome(our_cell, kind, v)
        checked += 1
        if a != b:
            print(json.dumps({"type": kind, "value": shown(v), "default": "replaced", "sdk": a, "ours": b}))

# A connector that raised the recursion limit: a value that holds itself must still be refused by the circularity
# check, not recurse until the C stack runs out.
sys.setrecursionlimit(200000)
for kind in (None, "JSON"):
    for v in (CIRCULAR_LIST, CIRCULAR_DICT):
        a, b = outcome(sdk_cell, kind, v), outcome(our_cell, kind, v)
        checked += 1
        if a != b:
            print(json.dumps({"type": kind, "value": shown(v), "recursion_limit": 200000, "sdk": a, "ours": b}))

print(json.dumps({"checked": checked}))
