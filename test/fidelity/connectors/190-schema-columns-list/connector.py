# "columns" given as a list of names instead of a dict: the SDK refuses it inside schema().
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": ["id", "name"]}]


def update(configuration, state):
    op.upsert("t", {"id": 1, "name": "a"})


connector = Connector(update=update, schema=schema)
