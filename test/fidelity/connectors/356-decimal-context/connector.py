# A finance connector that sets the decimal context at import (4 significant digits, rounding down, Inexact
# trapped later), then writes DECIMAL, FLOAT and undeclared values built from floats, strings and Decimals.
import decimal
from decimal import Decimal

decimal.getcontext().prec = 4
decimal.getcontext().rounding = decimal.ROUND_DOWN

from fivetran_connector_sdk import Connector, Operations as op  # noqa: E402


def schema(configuration: dict):
    return [
        {
            "table": "amounts",
            "primary_key": ["id"],
            "columns": {"price": {"type": "DECIMAL", "precision": 12, "scale": 3}, "rate": "FLOAT", "total": "DOUBLE", "label": "STRING"},
        }
    ]


def update(configuration: dict, state: dict):
    values = [1234.5678, "98765.4321", Decimal("1.23456789"), Decimal("0.0005"), 2.675, "1e3", Decimal("123456789.1239")]
    for i, v in enumerate(values):
        op.upsert("amounts", {"id": i, "price": v if isinstance(v, str) else str(v), "rate": v, "total": v, "label": v, "inferred": v})
    op.checkpoint({"n": len(values)})
    decimal.getcontext().traps[decimal.Inexact] = True
    for i, v in enumerate(values):
        try:
            op.upsert("amounts", {"id": 100 + i, "price": str(v), "rate": v, "inferred": Decimal("2") / Decimal("3") if i == 0 else v})
        except Exception as e:
            op.upsert("errors", {"id": i, "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"n": 2 * len(values)})


connector = Connector(update=update, schema=schema)
