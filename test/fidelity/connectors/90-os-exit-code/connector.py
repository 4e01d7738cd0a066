import os
from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"cursor": 1})
    op.upsert("items", {"id": 2})
    os._exit(4)

connector = Connector(update=update)
