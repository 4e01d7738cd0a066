# Values json.dumps cannot write (a date, a Decimal, a set, a tuple key) in a declared JSON column and inside an
# undeclared dict: the SDK raises a plain TypeError at the call; the connector records its class and message.
import datetime
import decimal

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "docs", "primary_key": ["id"], "columns": {"id": "INT", "body": "JSON"}}]


def update(configuration, state):
    bad = [datetime.date(2024, 1, 2), decimal.Decimal("1.5"), {1, 2}, {(1, 2): "tuple key"}]
    for i, v in enumerate(bad):
        for table, value in (("docs", v), ("notes", {"nested": v})):
            try:
                op.upsert(table, {"id": i, "body": value})
            except TypeError as e:
                op.upsert("refused", {"id": i, "table": table, "class": type(e).__name__, "message": str(e),
                                      "plain": type(e) is TypeError})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
