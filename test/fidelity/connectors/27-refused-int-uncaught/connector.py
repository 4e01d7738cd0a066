# A declared INT column given "12abc", not caught: the sync fails at that call, after one committed checkpoint.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "items", "primary_key": ["id"], "columns": {"id": "INT", "qty": "INT"}}]


def update(configuration, state):
    op.upsert("items", {"id": 1, "qty": 5})
    op.checkpoint({"page": 1})
    op.upsert("items", {"id": 2, "qty": 6})
    op.upsert("items", {"id": 3, "qty": "12abc"})
    op.upsert("items", {"id": 4, "qty": 7})
    op.checkpoint({"page": 2})


connector = Connector(update=update, schema=schema)
