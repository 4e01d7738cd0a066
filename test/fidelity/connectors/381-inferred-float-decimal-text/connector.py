# An undeclared amount column fed what a loose API client gives: floats, numeric strings, Decimals (some past a
# double's digits) and exponent text, in one checkpoint and the next.
from decimal import Decimal

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    values = [1234.5678, "98765.4321", Decimal("1.23456789"), Decimal("0.0005"), 2.675, "1e3", Decimal("123456789.1239"), Decimal("1234567890.12345678901234567890")]
    for i, v in enumerate(values):
        op.upsert("amounts", {"id": i, "amount": v})
        op.upsert("decimals_then_floats", {"id": i, "amount": v if isinstance(v, Decimal) else None})
    op.checkpoint({"n": len(values)})
    for i, v in enumerate([0.1, 1e-7, 1e22, 5e-324]):
        op.upsert("decimals_then_floats", {"id": 100 + i, "amount": v})
        op.upsert("amounts", {"id": 100 + i, "amount": v})


connector = Connector(update=update)
