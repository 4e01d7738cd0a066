from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    op.upsert("items", {"id": 1, 2024: "x"})
    op.checkpoint({})

connector = Connector(update=update)
