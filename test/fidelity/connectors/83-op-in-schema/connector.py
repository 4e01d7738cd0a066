from fivetran_connector_sdk import Connector, Operations as op

def schema(configuration):
    op.checkpoint({"from": "schema"})
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    op.upsert("items", {"id": 1})

connector = Connector(update=update, schema=schema)
