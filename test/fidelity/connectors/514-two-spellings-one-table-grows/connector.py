# A connector that writes one table under two spellings ("OrderItems" from the list endpoint, "order_items" from the
# detail endpoint): both land in order_items. The second spelling brings a column the first never had and a float
# where the first sent ints, in the same checkpoint, then in the next.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("OrderItems", {"id": 1, "qty": 1})
    op.upsert("order_items", {"id": 2, "qty": 1.5, "note": "from detail"})
    op.checkpoint({"page": 1})
    op.upsert("OrderItems", {"id": 3, "qty": 2, "sku": "S-3"})
    op.upsert("order_items", {"id": 4, "qty": "many", "gift": True})
    op.checkpoint({"page": 2})


connector = Connector(update=update)
