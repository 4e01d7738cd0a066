# An operation the destination rejects (a null primary key) after a checkpoint: the sync fails there, even though
# update() catches the exception and carries on.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"], "columns": {"id": "INT", "v": "STRING"}}]


def update(configuration, state):
    for i in range(4):
        op.upsert("keyed", {"id": i, "v": "ok"})
    op.checkpoint({"ok": 4})
    try:
        op.upsert("keyed", {"id": None, "v": "null key"})
    except Exception as e:  # the SDK fails the sync anyway: the next operation raises again
        log.warning(f"caught: {e}")
    op.upsert("keyed", {"id": 99, "v": "after the error"})
    op.checkpoint({"ok": 5})


connector = Connector(update=update, schema=schema)
