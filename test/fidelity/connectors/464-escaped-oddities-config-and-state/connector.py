# Echo what came in from configuration.json and the state (both hand-edited with JSON escapes).
import json

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    op.upsert("echo", {"k": "state", "v": json.dumps(state, sort_keys=True)})
    op.upsert("echo", {"k": "token length", "v": str(len(configuration["token"]))})
    cursor = state.get("cursor", "start")
    op.checkpoint({"cursor": cursor + "+", "seen": len(state)})
    if state:
        raise ValueError("bad cursor " + cursor + " with token " + configuration["token"])


connector = Connector(update=update)
