# A schema() entry that spells "table" as "name": "Entry missing table name" with the entry printed.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "ok", "primary_key": ["id"]}, {"name": "users", "primary_key": ["id"], "columns": {"id": "INT"}}]


def update(configuration, state):
    op.upsert("users", {"id": 1})


connector = Connector(update=update, schema=schema)
