# The same table declared twice in schema(): the SDK refuses it before update() runs.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "users", "primary_key": ["id"]},
        {"table": "orders", "primary_key": ["id"]},
        {"table": "users", "primary_key": ["id"], "columns": {"id": "INT"}},
    ]


def update(configuration, state):
    op.upsert("users", {"id": 1})


connector = Connector(update=update, schema=schema)
