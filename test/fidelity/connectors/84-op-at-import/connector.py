from fivetran_connector_sdk import Connector, Operations as op

op.upsert("boot", {"id": 0})

def update(configuration, state):
    op.upsert("items", {"id": 1})

connector = Connector(update=update)
