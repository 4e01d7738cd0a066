# DECIMAL columns at the edges of precision and scale, with text the SDK passes on as it is: exponents ('1E+3',
# '1e-3'), signs, negative zero, many digits, values to round, values too wide for the column, big ints.
from fivetran_connector_sdk import Connector, Operations as op

COLUMNS = {"d38_0": (38, 0), "d38_38": (38, 38), "d1_0": (1, 0), "d10_10": (10, 10), "d5_2": (5, 2), "d2_2": (2, 2),
           "d18_4": (18, 4), "d19_9": (19, 9)}
VALUES = ["1E+3", "1e-3", "-0", "-0.00", "+5", ".5", "5.", "0.995", "0.005", "0.004999", "12345678901234567890.123",
          "99.995", "-99.994", 10**37, -(10**37), 10**38 - 1, 10**38, 9, -9, 0, "0000.1000", "1" * 38,
          "0." + "9" * 40, "3.14159265358979323846264338327950288", "-1.5e2", "1e+0", "9999999999.99999"]


def schema(configuration):
    cols = {"id": "INT"}
    for name, (p, s) in COLUMNS.items():
        cols[name] = {"type": "DECIMAL", "precision": p, "scale": s}
    return [{"table": "dec", "primary_key": ["id"], "columns": cols}]


def update(configuration, state):
    for i, v in enumerate(VALUES):
        for name, (p, s) in COLUMNS.items():
            # Exponent text, or text rounding to 1, in a column without whole digits fails the load (see 122): left out.
            if p == s and ("e" in str(v).lower() or str(v).startswith("0.9")):
                continue
            # One row per value and column.
            op.upsert("dec", {"id": i * 100 + list(COLUMNS).index(name), name: v})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
