# schema() that forgets its return statement (returns None).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    [{"table": "t", "primary_key": ["id"]}]


def update(configuration, state):
    op.upsert("t", {"id": 1})


connector = Connector(update=update, schema=schema)
