from fivetran_connector_sdk import Connector, Operations as op

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"], "columns": {"amount": {"type": "DECIMAL", "precision": -1, "scale": 2}}}]

def update(configuration, state):
    op.upsert("items", {"id": 1, "amount": 2})

connector = Connector(update=update, schema=schema)
