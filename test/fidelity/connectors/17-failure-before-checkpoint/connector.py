# update() raises before any checkpoint: nothing it sent is committed, and no state is saved.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "doomed", "primary_key": ["id"], "columns": {"id": "INT"}}]


def update(configuration, state):
    for i in range(5):
        op.upsert("doomed", {"id": i, "v": "never committed"})
    raise ValueError("bad page token")


connector = Connector(update=update, schema=schema)
