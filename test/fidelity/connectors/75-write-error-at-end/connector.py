# The same bad column, but no checkpoint: the write fails at the final flush, after update() returned.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("items", {"id": 1, "": "blank"})


connector = Connector(update=update)
