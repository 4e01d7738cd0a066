# UTC offsets with seconds and microseconds, in datetimes and in strings, for UTC_DATETIME and NAIVE_DATETIME.
import datetime

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "utc": "UTC_DATETIME", "naive": "NAIVE_DATETIME"}}]


def update(configuration, state):
    odd = datetime.timezone(datetime.timedelta(hours=5, minutes=30, seconds=15))
    odder = datetime.timezone(datetime.timedelta(hours=-1, seconds=-1, microseconds=-250))
    op.upsert("t", {"id": 1, "utc": datetime.datetime(2024, 1, 1, 12, 0, tzinfo=odd), "naive": datetime.datetime(2024, 1, 1, 12, tzinfo=odd)})
    op.upsert("t", {"id": 2, "utc": datetime.datetime(2024, 1, 1, 12, 0, 0, 500, tzinfo=odder), "naive": datetime.datetime(2024, 1, 1, tzinfo=odder)})
    op.upsert("t", {"id": 3, "utc": "2024-01-01T12:00:00+05:30:15", "naive": "2024-01-01T12:00:00"})
    op.upsert("t", {"id": 4, "utc": "2024-01-01T12:00:00.123+0530", "naive": "2024-01-01T12:00:00.000001"})
    op.upsert("t", {"id": 5, "utc": "2024-01-01T12:00:00-00:00:30.5", "naive": "2024-01-01 00:00:00"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
