# A product catalogue whose schema() the user keeps editing. Run 1 declares `products` (key sku, price DECIMAL,
# launched NAIVE_DATE) and `stock`. Run 2 drops both from schema() and writes neither (a new `suppliers` table only).
# Run 3 declares them again, `products` with price FLOAT and a new INT column, `stock` with a new column, and writes
# a new product (price as text), updates an old one's new column and deletes a stock row.
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    if RUN == 1:
        return [
            {"table": "products", "primary_key": ["sku"],
             "columns": {"sku": "STRING", "price": {"type": "DECIMAL", "precision": 8, "scale": 2}, "launched": "NAIVE_DATE"}},
            {"table": "stock", "primary_key": ["sku"], "columns": {"qty": "INT"}},
        ]
    if RUN == 2:
        return [{"table": "suppliers", "primary_key": ["id"]}]
    return [
        {"table": "products", "primary_key": ["sku"],
         "columns": {"sku": "STRING", "price": "FLOAT", "launched": "NAIVE_DATE", "weight_g": "INT"}},
        {"table": "stock", "primary_key": ["sku"], "columns": {"qty": "INT", "warehouse": "STRING"}},
        {"table": "suppliers", "primary_key": ["id"]},
    ]


def update(configuration, state):
    if RUN == 1:
        for i in range(1, 6):
            op.upsert("products", {"sku": f"P{i}", "price": f"{i}9.99", "launched": f"2023-0{i}-15", "name": f"thing {i}"})
            op.upsert("stock", {"sku": f"P{i}", "qty": i * 3})
    elif RUN == 2:
        op.upsert("suppliers", {"id": 1, "name": "Acme", "sku": "P2"})
    else:
        op.upsert("products", {"sku": "P7", "price": "7.25", "launched": "2024-01-01", "weight_g": 70})
        op.update("products", {"sku": "P1", "weight_g": 10})
        op.upsert("stock", {"sku": "P1", "warehouse": "north", "qty": 4})
        op.delete("stock", {"sku": "P2"})
    op.checkpoint({"run": RUN})
    log.info(f"run {RUN} done")


connector = Connector(update=update, schema=schema)
