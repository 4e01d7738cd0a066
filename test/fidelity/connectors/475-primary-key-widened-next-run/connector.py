# Two runs: `stock` is keyed by ["sku"] in the first; the second keys it by ["sku", "warehouse"] (a column the first
# run's rows also sent) and upserts the same sku for two warehouses, then deletes one.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    return [{"table": "stock", "primary_key": ["sku"] if RUN == 1 else ["sku", "warehouse"],
             "columns": {"sku": "STRING", "warehouse": "STRING", "qty": "INT"}}]


def update(configuration, state):
    if RUN == 1:
        op.upsert("stock", {"sku": "A1", "warehouse": "east", "qty": 5})
        op.upsert("stock", {"sku": "B2", "warehouse": "west", "qty": 7})
    else:
        op.upsert("stock", {"sku": "A1", "warehouse": "west", "qty": 3})
        op.upsert("stock", {"sku": "C3", "warehouse": "east", "qty": 1})
        op.delete("stock", {"sku": "C3", "warehouse": "east"})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
