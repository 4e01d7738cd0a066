from fivetran_connector_sdk import Connector, Operations as op
def update(configuration, state):
    op.upsert("items\udc80", {"id": 1})
    op.checkpoint({})
connector = Connector(update=update)
