# The same mistake with the list filled in: `schema=TABLES` where TABLES is the list of table dicts schema() would
# return. It is called like a function: `failed while executing schema() error: 'list' object is not callable`.
from fivetran_connector_sdk import Connector, Operations as op

TABLES = [
    {"table": "orders", "primary_key": ["order_id"], "columns": {"order_id": "INT", "amount": "DOUBLE"}},
]


def update(configuration, state):
    op.upsert("orders", {"order_id": 1, "amount": 9.5})
    op.checkpoint({"last_order": 1})


connector = Connector(update=update, schema=TABLES)
