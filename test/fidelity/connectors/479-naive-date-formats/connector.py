# NAIVE_DATE as people send it: date and datetime objects, ISO text, slashes, compact, US order, with a time, with a
# zone, month names, blanks. Each value is upserted alone; a value the SDK refuses is caught and its error kept in
# `refused`.
import datetime as dt

from fivetran_connector_sdk import Connector, Operations as op

VALUES = [
    dt.date(2024, 2, 29), dt.datetime(2024, 3, 1, 23, 59, 59), dt.datetime(2024, 3, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    "2024-01-05", "2024-1-5", "2024/01/05", "20240105", "01/05/2024", "2024-01-05T10:00:00", "2024-01-05 10:00:00",
    "2024-01-05T10:00:00Z", "2024-01-05T23:00:00-05:00", "Jan 5, 2024", "5 January 2024", " 2024-01-05 ", "",
    "0001-01-01", "9999-12-31", "2024-02-30", None, 20240105, 1704412800.0,
]


def schema(configuration):
    return [{"table": "days", "primary_key": ["n"], "columns": {"n": "INT", "d": "NAIVE_DATE"}},
            {"table": "refused", "primary_key": ["n"]}]


def update(configuration, state):
    for n, value in enumerate(VALUES):
        try:
            op.upsert("days", {"n": n, "d": value, "sent": repr(value)})
        except Exception as e:
            op.upsert("refused", {"n": n, "sent": repr(value), "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
