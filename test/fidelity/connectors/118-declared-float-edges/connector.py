# Floats and float-like values at the edges of declared FLOAT, DOUBLE, LONG, INT and SHORT columns: 1e16, 2**53 + 1,
# -0.0, 5e-324, the largest double, a float just past the largest 32-bit float, the 32-bit rounding tie
# 1.0000000596046448, integral floats in integer columns, numeric text. A refused value is recorded as text.
from fivetran_connector_sdk import Connector, Operations as op

VALUES = [1e16, 2**53 + 1, -0.0, 5e-324, 1.7976931348623157e308, 3.4028235e38, 3.4028236e38, 1e39,
          1.0000000596046448, 1.0000000596046449, 2.0**-149, 1.1754942e-38, 32767.0, -32768, 32768, 2**31 - 1,
          -(2**31), 2.0**31, 2**63 - 1, 9.2e18, "1e16", " 2.5 ", "-0", True, "0.1", 1e-45, 7]
TYPES = ["FLOAT", "DOUBLE", "LONG", "INT", "SHORT"]


def schema(configuration):
    return [{"table": "t_" + t.lower(), "primary_key": ["id"], "columns": {"id": "INT", "v": t}} for t in TYPES]


def update(configuration, state):
    for t in TYPES:
        for i, v in enumerate(VALUES):
            # A SHORT column takes any 32-bit int at the call; past 16 bits the load fails (see 121): left out.
            if t == "SHORT" and isinstance(v, (int, float)) and not -32768 <= v <= 32767:
                continue
            try:
                op.upsert("t_" + t.lower(), {"id": i, "v": v})
            except (TypeError, ValueError) as e:
                op.upsert("refused", {"type": t, "i": i, "error": type(e).__name__})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
