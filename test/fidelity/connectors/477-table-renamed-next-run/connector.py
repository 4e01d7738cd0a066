# Two runs: the first declares "Customer Orders" (renamed customer_orders in the warehouse); the author renames it
# to "customer_orders" in the second run and also keeps an undeclared "CustomerOrders" writer around.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))

NAME = "Customer Orders" if RUN == 1 else "customer_orders"


def schema(configuration):
    return [{"table": NAME, "primary_key": ["Order ID"], "columns": {"Order ID": "INT", "Total $": "DOUBLE"}}]


def update(configuration, state):
    op.upsert(NAME, {"Order ID": RUN, "Total $": 10.5 * RUN, "Placed At": "2024-01-0%dT00:00:00Z" % RUN})
    op.upsert(NAME, {"Order ID": 100, "Total $": RUN})
    if RUN == 2:
        op.upsert("CustomerOrders", {"order_id": 7, "total": 1})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
