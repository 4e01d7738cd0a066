# A checkpoint state that is a list is stored as the SDK stores it.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint([1, 2.0, "three", {"4": None}])


connector = Connector(update=update)
