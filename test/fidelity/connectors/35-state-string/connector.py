# A checkpoint state that is a string is stored as the SDK stores it.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint("cursor-2024-01-01")


connector = Connector(update=update)
