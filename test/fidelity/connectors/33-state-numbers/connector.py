# The state keeps what Python wrote: 1.0, -0.0, a 19-digit cursor id, a 25-digit integer, 1e-7, NaN and Infinity.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"ratio": 1.0, "neg": -0.0, "cursor": 1234567890123456789, "huge": 1234567890123456789012345,
                   "tiny": 1e-7, "nan": float("nan"), "inf": float("-inf"), "e": 1e22, "unicode": "é✓"})


connector = Connector(update=update)
