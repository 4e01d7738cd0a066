# Two runs: the first checkpoints a state with floats (1e-7, 1e16, -0.0, 5e-324), huge and nested ints, unicode
# keys and escapes; the second reads it from files/state.json and stores each value's repr.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    if not state:
        op.checkpoint({"f": [1e-7, 1e16, -0.0, 5e-324, 0.1 + 0.2, 1e22], "i": [2 ** 64, -(10 ** 25)],
                       "ключ": {"ü": "\u00e9\u0301", "nul": "a\u0000b", "quote": "\"'\\"}, "t": True, "n": None})
        return
    for k, v in state.items():
        op.upsert("seen", {"key": k, "repr": repr(v), "type": type(v).__name__})
    op.checkpoint(state)


connector = Connector(update=update)
