# A declared INT column given "12abc": the SDK refuses it inside op.upsert(), so update() can catch it; the refused
# row is not counted and the sync goes on.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "items", "primary_key": ["id"], "columns": {"id": "INT", "qty": "INT"}}]


def update(configuration, state):
    op.upsert("items", {"id": 1, "qty": 5})
    try:
        op.upsert("items", {"id": 2, "qty": "12abc"})
    except ValueError as e:
        log.warning("refused: " + str(e))
    op.upsert("items", {"id": 3, "qty": " 42 "})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
