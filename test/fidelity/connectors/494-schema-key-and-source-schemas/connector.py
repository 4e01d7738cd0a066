# schema() entries with a `schema` key as an agent writes them for two sources: the same table name in two schemas,
# a schema name with spaces and capitals, an entry without one, and ops that pass schema= and ops that do not.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "accounts", "schema": "crm", "primary_key": ["id"], "columns": {"id": "INT", "name": "STRING"}},
        {"table": "accounts", "schema": "Billing System", "primary_key": ["id"], "columns": {"id": "STRING"}},
        {"table": "accounts", "primary_key": ["id"]},
    ]


def update(configuration, state):
    op.upsert("accounts", {"id": 1, "name": "crm one"}, schema="crm")
    op.upsert("accounts", {"id": "B-1", "balance": 10.5}, schema="Billing System")
    op.upsert("accounts", {"id": 7, "where": "default"})
    op.update("accounts", {"id": 1, "name": "crm one!"}, schema="crm")
    op.delete("accounts", {"id": "B-1"}, schema="Billing System")
    op.checkpoint({"ok": True})


connector = Connector(update=update, schema=schema)
