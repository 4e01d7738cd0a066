# Connector's arguments given by position in the order the functions appear in the file, schema first: update is
# taken as the schema and called with the configuration alone.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"]}]


def update(configuration, state):
    op.upsert("tickets", {"id": 1, "subject": "printer on fire"})
    op.checkpoint({"since": "2024-01-01"})


connector = Connector(schema, update)
