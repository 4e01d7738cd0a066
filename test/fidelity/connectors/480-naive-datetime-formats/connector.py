# NAIVE_DATETIME as people send it: naive and aware datetimes, dates, ISO with T or space, fractions of 1 to 9
# digits, Z and offsets, slashes, epoch numbers, blanks. Refusals are caught and kept in `refused`.
import datetime as dt

from fivetran_connector_sdk import Connector, Operations as op

VALUES = [
    dt.datetime(2024, 5, 6, 7, 8, 9, 123456), dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc),
    dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))), dt.date(2024, 5, 6),
    "2024-05-06T07:08:09", "2024-05-06 07:08:09", "2024-05-06T07:08", "2024-05-06T07:08:09.1",
    "2024-05-06T07:08:09.123", "2024-05-06T07:08:09.123456789", "2024-05-06T07:08:09Z", "2024-05-06T07:08:09+02:00",
    "2024-05-06T07:08:09.5-0800", "2024-05-06", "2024/05/06 07:08:09", "06/05/2024 07:08", "2024-05-06T24:00:00",
    "", "  ", None, 1714979289, 1714979289.5,
]


def schema(configuration):
    return [{"table": "moments", "primary_key": ["n"], "columns": {"n": "INT", "at": "NAIVE_DATETIME"}},
            {"table": "refused", "primary_key": ["n"]}]


def update(configuration, state):
    for n, value in enumerate(VALUES):
        try:
            op.upsert("moments", {"n": n, "at": value, "sent": repr(value)})
        except Exception as e:
            op.upsert("refused", {"n": n, "sent": repr(value), "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
