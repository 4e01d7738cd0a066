# schema() that forgets its return value (None).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return None


def update(configuration, state):
    op.upsert("t", {"id": 1, "v": "a"})
    op.upsert("t", {"id": 1, "v": "b"})
    op.upsert("a", {"id": 2})
    op.checkpoint({"step": 1})


connector = Connector(update=update, schema=schema)
