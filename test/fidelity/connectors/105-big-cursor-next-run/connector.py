# Two runs: the second reads a 19-digit cursor, a float and a nested integer-like key from files/state.json and
# stores what it read; the state reaches it exactly as the first run's checkpoint wrote it.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    cursor = state.get("cursor", 1234567890123456789)
    op.upsert("seen", {"run": state.get("run", 0), "cursor": str(cursor), "ratio": repr(state.get("ratio")),
                       "keys": ",".join(state.get("nested", {}))})
    op.checkpoint({"run": state.get("run", 0) + 1, "cursor": cursor + 2, "ratio": 2.0, "nested": {"b": 1, "10": 2}})


connector = Connector(update=update)
