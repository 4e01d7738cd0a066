# Money columns declared DECIMAL(10,2) fed by an invoicing export: text with more decimals than the scale (half
# cases), negative halves, text with a leading plus, with trailing zeros, very small amounts, and the same amounts
# as ints. Rounding is the SDK's; nothing is refused.
from fivetran_connector_sdk import Connector, Operations as op

AMOUNTS = ["0.005", "0.015", "0.025", "-0.005", "-0.015", "2.675", "1.005", "+3.14159", "10.50000", "0.0049999",
           "99999999.994", "-0", "0.00", "1234.5", "7"]


def schema(configuration):
    return [{"table": "invoices", "primary_key": ["n"],
             "columns": {"n": "INT", "amount": {"type": "DECIMAL", "precision": 10, "scale": 2},
                         "tax": {"type": "DECIMAL", "precision": 4, "scale": 0}}}]


def update(configuration, state):
    for n, amount in enumerate(AMOUNTS):
        op.upsert("invoices", {"n": n, "amount": amount, "tax": n * 7 - 3, "raw": amount})
    op.checkpoint({"n": len(AMOUNTS)})


connector = Connector(update=update, schema=schema)
