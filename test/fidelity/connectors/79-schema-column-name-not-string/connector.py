from fivetran_connector_sdk import Connector, Operations as op

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"], "columns": {"id": "INT", 7: "STRING"}}]

def update(configuration, state):
    op.upsert("items", {"id": 1})

connector = Connector(update=update, schema=schema)
