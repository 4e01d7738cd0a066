# An FX and invoicing connector that sets the decimal context at the top of update() (6 significant digits, half
# up) for its own money arithmetic, then sends floats into columns that end up text or JSON, a DECIMAL column, a
# FLOAT column and a key-less table, over three checkpoints.
from decimal import ROUND_HALF_UP, Decimal, getcontext, localcontext

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration: dict):
    return [
        {"table": "invoices", "primary_key": ["id"], "columns": {"amount": {"type": "DECIMAL", "precision": 10, "scale": 2}}},
        {"table": "fx_quotes"},
    ]


def update(configuration: dict, state: dict):
    getcontext().prec = 6
    getcontext().rounding = ROUND_HALF_UP
    rates = [1.0836452, 0.8571234, 157.23456, 0.000123456789, 12345678.9, 1e-9, 3.3333333333, -2.5, 7.0]
    for i, rate in enumerate(rates):
        # "quoted" is text for some pairs and the float for others: the column ends up VARCHAR.
        op.upsert("fx_quotes", {"pair": "P%d" % i, "rate": rate, "quoted": "n/a" if i % 3 == 0 else rate})
    op.checkpoint({"step": 1})
    for i in range(8):
        amount = Decimal("19.99") * Decimal(i) / Decimal(3)
        meta = {"line": i} if i % 2 else i / 3
        op.upsert("invoices", {"id": i, "amount": str(amount), "ratio": i / 7, "meta": meta, "label": "inv" if i == 5 else i * 1.1})
    op.checkpoint({"step": 2})
    # A local context for the connector's own arithmetic only; the operations run in the sync's.
    with localcontext() as ctx:
        ctx.prec = 3
        third = Decimal(2) / Decimal(3)
    log.info("a third to three digits: %s" % third)
    op.upsert("fx_quotes", {"pair": "L", "rate": float(third), "quoted": 2 / 3})
    op.update("invoices", {"id": 3, "label": 1 / 3, "meta": 1e22})
    op.checkpoint({"step": 3})


connector = Connector(update=update, schema=schema)
