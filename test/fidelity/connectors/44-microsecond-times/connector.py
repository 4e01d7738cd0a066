# Microseconds in declared datetimes: UTC_DATETIME keeps 0, 3 or 6 digits as needed; NAIVE_DATETIME keeps them.
import datetime

from fivetran_connector_sdk import Connector, Operations as op

UTC = datetime.timezone.utc


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "utc": "UTC_DATETIME", "naive": "NAIVE_DATETIME"}}]


def update(configuration, state):
    for i, us in enumerate([0, 1, 999, 1000, 500000, 999999, 120000]):
        op.upsert("t", {"id": i, "utc": datetime.datetime(2024, 2, 29, 23, 59, 59, us, tzinfo=UTC),
                        "naive": datetime.datetime(2024, 2, 29, 23, 59, 59, us)})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
