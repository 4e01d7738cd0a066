# One float object sent twice in a row (`price = item["price"]`, then `{"price": price, "raw_price": price}`): once to
# a column declared FLOAT (32 bits) and once to undeclared columns, one of which later holds text.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"], "columns": {"price": "FLOAT"}}]


def update(configuration: dict, state: dict):
    prices = [1234.5678, 0.1, 98765.4321, 3.141592653589793, 1e-7]
    for i, price in enumerate(prices):
        op.upsert("items", {"id": i, "price": price, "raw_price": price, "mixed": price, "copy": float(repr(price))})
    op.upsert("items", {"id": 99, "mixed": "n/a"})
    op.checkpoint({"n": len(prices)})
    for i, price in enumerate(prices):
        op.upsert("items", {"id": 100 + i, "price": price, "mixed": price})
        op.upsert("other", {"id": i, "value": price})


connector = Connector(update=update, schema=schema)
