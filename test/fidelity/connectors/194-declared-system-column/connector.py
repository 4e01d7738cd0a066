# schema() declares a column named _fivetran_deleted (STRING) and a key named rowid: the SDK keeps the declared
# type, and a delete writes 'true' into it as text.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "k", "primary_key": ["rowid"], "columns": {"rowid": "INT", "_fivetran_deleted": "STRING"}}]


def update(configuration, state):
    op.upsert("k", {"rowid": 1, "_fivetran_deleted": "no"})
    op.upsert("k", {"rowid": 2})
    op.delete("k", {"rowid": 1})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
