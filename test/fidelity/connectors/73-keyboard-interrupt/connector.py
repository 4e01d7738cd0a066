from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"cursor": 1})
    raise KeyboardInterrupt()

connector = Connector(update=update)
