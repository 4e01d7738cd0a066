# DECIMAL declarations at their edges (38,0), (38,38), (1,0), (5,5), (10,2) with values people send: ints, floats,
# text with spaces or exponents, Decimal specials, negative zero, values that round up. Refusals are caught.
from decimal import Decimal

from fivetran_connector_sdk import Connector, Operations as op

COLUMNS = {"p38s0": (38, 0), "p38s38": (38, 38), "p1s0": (1, 0), "p5s5": (5, 5), "p10s2": (10, 2)}
VALUES = [0, 1, -1, 0.5, 9.5, 0.99999, "12.345", "-0.000", Decimal("1.005"), Decimal("-0"), 123456789,
          "0.000001", 1e20, Decimal("NaN"), Decimal("Infinity"), True, None]


def schema(configuration):
    cols = {"n": "INT"}
    for name, (p, s) in COLUMNS.items():
        cols[name] = {"type": "DECIMAL", "precision": p, "scale": s}
    return [{"table": "amounts", "primary_key": ["n"], "columns": cols}, {"table": "refused", "primary_key": ["n", "col"]}]


def update(configuration, state):
    n = 0
    for value in VALUES:
        for name in COLUMNS:
            n += 1
            try:
                op.upsert("amounts", {"n": n, name: value})
            except Exception as e:
                op.upsert("refused", {"n": n, "col": name, "sent": repr(value), "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"n": n})


connector = Connector(update=update, schema=schema)
