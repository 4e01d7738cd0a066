# schema() returning a list of table names (strings) instead of dicts.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return ["users", "orders"]


def update(configuration, state):
    op.upsert("users", {"id": 1})


connector = Connector(update=update, schema=schema)
