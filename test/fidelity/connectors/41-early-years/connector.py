# Datetimes in years 1 to 99 in declared and inferred columns.
import datetime

from fivetran_connector_sdk import Connector, Operations as op

UTC = datetime.timezone.utc


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "utc": "UTC_DATETIME", "naive": "NAIVE_DATETIME",
                                                               "day": "NAIVE_DATE"}}]


def update(configuration, state):
    op.upsert("t", {"id": 1, "utc": datetime.datetime(5, 1, 1, tzinfo=UTC), "naive": datetime.datetime(99, 12, 31, 23, 59),
                    "day": datetime.date(1, 1, 1)})
    op.upsert("t", {"id": 2, "utc": "0050-06-15T12:00:00Z", "naive": "0001-01-01T00:00:00", "day": "0099-02-28"})
    op.upsert("t", {"id": 3, "utc": datetime.datetime(70, 1, 1, tzinfo=UTC), "naive": datetime.datetime(1969, 12, 31, 23, 59, 59, 999999),
                    "day": datetime.datetime(12, 3, 4, 5, 6)})
    op.upsert("inferred", {"id": 1, "at": datetime.datetime(5, 1, 1), "day": datetime.date(42, 1, 1)})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
