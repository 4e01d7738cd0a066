from fivetran_connector_sdk import Connector, Operations as op, Logging as log

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"cursor": 1})
    log.info(42)

connector = Connector(update=update)
