# Values a newcomer sends into declared columns of another type, each in its own upsert, the refusals caught and
# recorded: True into INT, "yes"/"1"/1/"TRUE"/"t" into BOOLEAN, dicts, lists, times and timedeltas into STRING and
# JSON, a date into UTC_DATETIME, a datetime into NAIVE_DATE, a time into NAIVE_DATETIME, Decimal into DOUBLE.
import datetime
from decimal import Decimal
from fivetran_connector_sdk import Connector, Operations as op

COLUMNS = {"i": "INT", "l": "LONG", "b": "BOOLEAN", "s": "STRING", "j": "JSON", "u": "UTC_DATETIME",
           "n": "NAIVE_DATETIME", "d": "NAIVE_DATE", "f": "DOUBLE", "x": "XML", "bin": "BINARY"}
VALUES = [True, False, "yes", "1", 1, 0, "TRUE", "t", "", " ", {"a": 1}, [1, "a"], (1, 2), datetime.time(12, 30),
          datetime.timedelta(days=1, seconds=5), datetime.date(2024, 2, 29),
          datetime.datetime(2024, 2, 29, 23, 59, 59, 999999), Decimal("1.10"), 1.5, "1.5", b"bytes", None, "null"]


def schema(configuration):
    return [{"table": "typed", "primary_key": ["id"], "columns": {"id": "INT", **COLUMNS}}]


def update(configuration, state):
    n = 0
    for col in COLUMNS:
        for v in VALUES:
            n += 1
            try:
                op.upsert("typed", {"id": n, col: v})
            except Exception as e:
                op.upsert("refused", {"id": n, "col": col, "value": repr(v), "error": type(e).__name__ + ": " + str(e)})
    op.checkpoint({"n": n})


connector = Connector(update=update, schema=schema)
