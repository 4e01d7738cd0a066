# A refused row (a null key) caught and logged, then a row whose value the declared INT column refuses, not caught:
# the SDK converts the row before it refuses the call for the earlier one, so the sync fails with `invalid literal
# for int() with base 10: 'n/a'`.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"], "columns": {"id": "INT", "quantity": "INT"}}]


def update(configuration, state):
    op.upsert("orders", {"id": 1, "quantity": 2})
    op.checkpoint({"last_id": 1})
    try:
        op.upsert("orders", {"id": None, "quantity": 5})
    except Exception as e:
        log.warning(f"skipping an order without id: {e}")
    op.upsert("orders", {"id": 3, "quantity": "n/a"})
    op.checkpoint({"last_id": 3})


connector = Connector(update=update, schema=schema)
