# Two runs. The connector tries checkpoints an agent might write, catching each refusal: a datetime, a set, bytes,
# a Decimal, a dict with a tuple key; then checkpoints a tuple, a big int, NaN, Infinity, -0.0 and nested tuples,
# which json writes. The second run reads them back and records what it got.
import datetime as dt
import math
from decimal import Decimal

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("seen", {"run": state.get("run", 0) + 1, "state": repr(sorted(state.items()))})
    for n, bad in enumerate([{"at": dt.datetime(2024, 1, 1)}, {"ids": {1, 2}}, {"raw": b"\x00"},
                             {"amount": Decimal("1.5")}, {(1, 2): "pair"}]):
        try:
            op.checkpoint(bad)
        except Exception as e:
            op.upsert("refused", {"n": n, "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"run": state.get("run", 0) + 1, "pair": (1, 2), "big": 2 ** 80, "nan": float("nan"),
                   "inf": math.inf, "negzero": -0.0, "nested": {"t": ((1, "a"), [2.5, None])}, 5: "int key",
                   True: "bool key", None: "none key", 1.5: "float key"})


connector = Connector(update=update)
