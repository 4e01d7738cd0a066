from fivetran_connector_sdk import Connector, Operations as op, Logging as log

log.info("loading the connector")

def update(configuration, state):
    op.upsert("items", {"id": 1})

connector = Connector(update=update)
