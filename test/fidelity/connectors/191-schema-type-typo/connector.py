# A column type with surrounding whitespace (" STRING"): refused as an unrecognised type.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "name": " STRING"}}]


def update(configuration, state):
    op.upsert("t", {"id": 1, "name": "a"})


connector = Connector(update=update, schema=schema)
