from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    op.upsert("items", {"id": 1, "page_size": configuration["page_size"]})

connector = Connector(update=update)
