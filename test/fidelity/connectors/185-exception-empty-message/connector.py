# update() raises an exception with an empty message after a checkpoint.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    raise RuntimeError()


connector = Connector(update=update)
