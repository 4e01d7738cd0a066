# Three runs. The first checkpoints; the second changes the state it was given in place without a checkpoint,
# with values json.dumps writes its own way (keys 1 and "1" both, a tuple, NaN, a float key, 2^70, a str Enum); the
# third reads what the SDK kept and stores it.
import enum
import json

from fivetran_connector_sdk import Connector, Operations as op


class Mode(str, enum.Enum):
    FULL = "full"


def update(configuration: dict, state: dict):
    op.upsert("seen", {"run": state.get("run", 0) + 1, "state": json.dumps(state)})
    if "run" not in state:
        op.checkpoint({"run": 1})
        return
    state["run"] += 1
    state[1] = "int key"
    state["1"] = "str key"
    state[2.5] = (1, [2, None])
    state["nan"] = float("nan")
    state["big"] = 2**70
    state["mode"] = Mode.FULL
    state["é"] = "\u2028"


connector = Connector(update=update)
