# A pricing connector that traps decimal.Rounded at import (to catch silent rounding in its own maths), then sends
# prices with more decimals than the declared DECIMAL scale after its last checkpoint: the flush at the end of the
# sync rounds them in that context.
import decimal

from fivetran_connector_sdk import Connector, Operations as op

decimal.getcontext().traps[decimal.Rounded] = True


def schema(configuration: dict):
    return [{"table": "prices", "primary_key": ["sku"], "columns": {"price": {"type": "DECIMAL", "precision": 8, "scale": 2}}}]


def update(configuration: dict, state: dict):
    op.upsert("prices", {"sku": "A", "price": "10.50", "weight": 0.5, "unit": "kg"})
    op.upsert("prices", {"sku": "B", "price": "3", "weight": 1.25, "unit": 2.5})
    op.checkpoint({"page": 1})
    op.upsert("prices", {"sku": "C", "price": "7.125", "weight": 0.1, "unit": "g"})
    op.upsert("prices", {"sku": "D", "price": "1.10", "weight": 2.0, "unit": 0.3333333})


connector = Connector(update=update, schema=schema)
