# A newcomer keeps the table declarations in a module-level list and passes that list as `schema=` (not a function),
# leaving it empty until the API is known. The SDK only calls schema when it is truthy: an empty list means no
# schema() at all, and every table is created from its rows.
from fivetran_connector_sdk import Connector, Operations as op

TABLES = []


def update(configuration, state):
    for i in range(1, 4):
        op.upsert("orders", {"order_id": i, "amount": i * 2.5, "status": "open"})
    op.update("orders", {"order_id": 2, "status": "shipped"})
    op.checkpoint({"last_order": 3})


connector = Connector(update=update, schema=TABLES)
