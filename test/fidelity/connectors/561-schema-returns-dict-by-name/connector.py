# schema() returns the tables keyed by name (a dict of dicts) instead of a list of dicts: the SDK iterates the dict,
# gets the name "customers" as the entry, and refuses it: `Entry missing table name: customers`.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return {
        "customers": {"primary_key": ["customer_id"], "columns": {"customer_id": "INT"}},
        "orders": {"primary_key": ["order_id"]},
    }


def update(configuration, state):
    op.upsert("customers", {"customer_id": 1})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
