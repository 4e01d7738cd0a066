# Two runs. A state whose keys collide once written as JSON text: 1 and "1", None and "null", 1.5 and "1.5",
# False and "false" (json.dumps writes both); the second run reads back what was kept and stores it.
import json

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    op.upsert("seen", {"run": len(state.get("runs", [])) + 1, "state": json.dumps(state, sort_keys=False)})
    new = {1: "int", "1": "str", None: "none", "null": "text null", 1.5: "float", "1.5": "text float", False: "bool", "false": "text false"}
    new["runs"] = state.get("runs", []) + [1]
    op.checkpoint(new)


connector = Connector(update=update)
