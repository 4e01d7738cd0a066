# op.update() and op.delete() refuse a value the declared type cannot take, at the call; the refused ones are not
# counted.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "v": "DOUBLE"}}]


def update(configuration, state):
    for i in range(1, 4):
        op.upsert("t", {"id": i, "v": i / 2})
    try:
        op.update("t", {"id": 1, "v": "half"})
    except ValueError:
        log.info("update refused")
    op.update("t", {"id": 2, "v": "2.25"})
    try:
        op.delete("t", {"id": "three"})
    except ValueError:
        log.info("delete refused")
    op.delete("t", {"id": "3"})
    op.checkpoint({"x": 1})


connector = Connector(update=update, schema=schema)
