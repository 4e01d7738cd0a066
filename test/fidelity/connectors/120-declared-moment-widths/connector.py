# Declared NAIVE_DATETIME, UTC_DATETIME and NAIVE_DATE with text of odd widths: fractions of 1 to 9 digits, years
# before 1000, 'Z' against '+00:00', date-only text, leap days, second 60, hour 24, a space or 't' separator. A value
# the SDK refuses is recorded with its exception type instead. The texts go to an undeclared column too.
from fivetran_connector_sdk import Connector, Operations as op

TEXTS = ["2024-01-02T03:04:05", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05+00:00", "2024-01-02T03:04:05.1Z",
         "2024-01-02T03:04:05.12", "2024-01-02T03:04:05.123456", "2024-01-02T03:04:05.1234567", "2024-01-02 03:04:05",
         "2024-01-02t03:04:05Z", "0999-12-31T23:59:59Z", "0001-01-01T00:00:00", "0999-12-31", "2024-02-29",
         "2023-02-29", "2024-06-30T23:59:60Z", "2024-01-02T24:00:00", "2024-01-02", "9999-12-31T23:59:59.999999Z",
         "2024-01-02T03:04:05-01:30", "2024-1-2T3:4:5", "1000-01-01T00:00:00Z", "1000-01-01", " 2024-01-02 "]
TYPES = ["NAIVE_DATETIME", "UTC_DATETIME", "NAIVE_DATE"]


def schema(configuration):
    return [{"table": "m", "primary_key": ["id"], "columns": {"id": "INT", "naive": "NAIVE_DATETIME",
                                                             "utc": "UTC_DATETIME", "day": "NAIVE_DATE"}}]


def update(configuration, state):
    # Text first in the undeclared column (see 114).
    op.upsert("inferred", {"id": -1, "v": "text"})
    for i, text in enumerate(TEXTS):
        for j, col in enumerate(["naive", "utc", "day"]):
            try:
                op.upsert("m", {"id": i * 10 + j, col: text})
            except (TypeError, ValueError) as e:
                op.upsert("refused", {"i": i, "col": col, "error": type(e).__name__})
        op.upsert("inferred", {"id": i, "v": text})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
