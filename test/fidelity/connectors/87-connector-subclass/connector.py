from fivetran_connector_sdk import Connector, Operations as op

class MyConnector(Connector):
    pass

def update(configuration, state):
    op.upsert("items", {"id": 1})

connector = MyConnector(update=update)
