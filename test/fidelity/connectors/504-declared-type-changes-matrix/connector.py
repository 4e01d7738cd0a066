# Two runs. The author changes the declared type of many columns of one table between runs (a refactor of schema()):
# each column is declared with its first type in run 1 and its second in run 2, and gets a value of its declared
# type in each run (row 1 in run 1, row 2 in run 2, row 1 updated in run 2 for some). What the warehouse holds
# after: the widened types and the old values converted.
import datetime as dt

from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))

UTC = dt.timezone.utc
DEC = lambda p, s: {"type": "DECIMAL", "precision": p, "scale": s}  # noqa: E731
# column: (type in run 1, value in run 1, type in run 2, value in run 2)
CHANGES = {
    "b2i": ("BOOLEAN", True, "INT", 7),
    "s2l": ("SHORT", -300, "LONG", 2 ** 40),
    "i2f": ("INT", 16777217, "FLOAT", 0.1),
    "l2d": ("LONG", 2 ** 53 + 1, "DOUBLE", 1.25),
    "f2d": ("FLOAT", 0.1, "DOUBLE", 0.2),
    "d2dec": ("DOUBLE", 1 / 3, DEC(10, 2), "12.34"),
    "dec2dec": (DEC(5, 2), "999.99", DEC(4, 3), "1.234"),
    "dec2i": (DEC(4, 2), "12.5", "INT", 123456),
    "i2dec": ("INT", 42, DEC(6, 3), "123.456"),
    "f2dec": ("FLOAT", 2.5, DEC(8, 4), "1.0001"),
    "date2ndt": ("NAIVE_DATE", dt.date(2024, 2, 29), "NAIVE_DATETIME", dt.datetime(2024, 3, 1, 12, 30)),
    "ndt2utc": ("NAIVE_DATETIME", dt.datetime(2024, 3, 1, 12, 30, 5, 250000), "UTC_DATETIME",
                dt.datetime(2024, 3, 2, 1, 0, tzinfo=UTC)),
    "utc2date": ("UTC_DATETIME", "2024-03-01T23:59:59Z", "NAIVE_DATE", "2024-03-05"),
    "bin2str": ("BINARY", b"\x00\x01hello\xff", "STRING", "plain"),
    "bin2json": ("BINARY", b"\xde\xad\xbe\xef", "JSON", {"k": [1, 2]}),
    "str2json": ("STRING", "some text", "JSON", [1, "a"]),
    "json2str": ("JSON", {"a": 1}, "STRING", "after"),
    "bool2str": ("BOOLEAN", False, "STRING", "yes"),
    "date2str": ("NAIVE_DATE", "2024-01-31", "STRING", "Jan 31"),
    "utc2str": ("UTC_DATETIME", dt.datetime(2024, 5, 1, 8, 0, 0, 123000, tzinfo=UTC), "STRING", "later"),
    "ndt2str": ("NAIVE_DATETIME", "2024-05-01T08:00:00", "STRING", "naive later"),
    "f2str": ("FLOAT", 0.1, "STRING", "x"),
    "d2str": ("DOUBLE", 1e21, "STRING", "y"),
    "dec2str": (DEC(10, 3), "1.5", "STRING", "7.25"),
    "str2bin": ("STRING", "text first", "BINARY", b"\x01\x02"),
    "json2bin": ("JSON", [True, None], "BINARY", b"\x03"),
    "str2int": ("STRING", "0042", "INT", 43),
    "date2bool": ("NAIVE_DATE", "2020-01-01", "BOOLEAN", True),
}


def schema(configuration):
    columns = {"id": "INT"}
    for name, (first, _, second, _) in CHANGES.items():
        columns[name] = first if RUN == 1 else second
    return [{"table": "evolving", "primary_key": ["id"], "columns": columns}]


def update(configuration, state):
    row = {"id": RUN}
    for name, (_, first, _, second) in CHANGES.items():
        row[name] = first if RUN == 1 else second
    op.upsert("evolving", row)
    if RUN == 2:
        op.update("evolving", {"id": 1, "b2i": 0, "i2f": 1.5, "bin2str": "edited", "str2json": {"edited": True}})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
