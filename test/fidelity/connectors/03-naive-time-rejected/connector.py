# NAIVE_TIME is a Fivetran type name, but schema() in SDK 3.0 does not accept it: the sync fails before update().
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "shifts", "primary_key": ["id"], "columns": {"id": "INT", "starts": "NAIVE_TIME"}}]


def update(configuration, state):
    op.upsert("shifts", {"id": 1, "starts": "08:30:00"})
    op.checkpoint({"never": "reached"})


connector = Connector(update=update, schema=schema)
