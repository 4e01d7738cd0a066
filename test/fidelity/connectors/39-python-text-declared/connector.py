# A declared STRING column stores str() of any value: tuples, sets, bytes, bytearrays, floats, bools, dicts with
# dates nested, lists, None inside containers.
import datetime
import decimal

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "s": "STRING"}}]


def update(configuration, state):
    values = [(1, 2), {"x"}, b"raw'\"", bytearray(b"\xff"), 1.0, 1e16, -0.0, True, {"d": datetime.date(2024, 1, 2)},
              [None, 1.5, "q'uote"], datetime.datetime(2024, 1, 2, 3, 4, 5, 600), decimal.Decimal("1E+3"), 10 ** 30,
              "tab\there", {"nested": {"dt": datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)}}]
    for i, v in enumerate(values):
        op.upsert("t", {"id": i, "s": v})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
