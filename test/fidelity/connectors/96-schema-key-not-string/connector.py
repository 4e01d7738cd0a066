from fivetran_connector_sdk import Connector, Operations as op

def schema(configuration):
    return [{"table": "items", "primary_key": [1], "columns": {"name": "STRING"}}]

def update(configuration, state):
    op.upsert("items", {"id": 1})

connector = Connector(update=update, schema=schema)
