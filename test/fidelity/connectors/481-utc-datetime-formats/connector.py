# UTC_DATETIME as APIs send it: aware datetimes in several zones, naive datetimes, dates, Z/offset text, text
# without a zone, RFC 2822, epoch seconds and milliseconds, blanks. Refusals are caught and kept in `refused`.
import datetime as dt

from fivetran_connector_sdk import Connector, Operations as op

TOKYO = dt.timezone(dt.timedelta(hours=9), "JST")
VALUES = [
    dt.datetime(2024, 7, 1, 12, 0, tzinfo=dt.timezone.utc), dt.datetime(2024, 7, 1, 12, 0, tzinfo=TOKYO),
    dt.datetime(2024, 7, 1, 12, 0, 0, 1), dt.date(2024, 7, 1),
    "2024-07-01T12:00:00Z", "2024-07-01T12:00:00.000Z", "2024-07-01T12:00:00+00:00", "2024-07-01T21:00:00+09:00",
    "2024-07-01T12:00:00-0330", "2024-07-01T12:00:00", "2024-07-01 12:00:00Z", "2024-07-01", "2024-07-01T12:00Z",
    "2024-07-01T12:00:00.123456789Z", "Mon, 01 Jul 2024 12:00:00 GMT", "1719835200", 1719835200, 1719835200123,
    1719835200.25, "", None,
]


def schema(configuration):
    return [{"table": "stamps", "primary_key": ["n"], "columns": {"n": "INT", "at": "UTC_DATETIME"}},
            {"table": "refused", "primary_key": ["n"]}]


def update(configuration, state):
    for n, value in enumerate(VALUES):
        try:
            op.upsert("stamps", {"n": n, "at": value, "sent": repr(value)})
        except Exception as e:
            op.upsert("refused", {"n": n, "sent": repr(value), "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
