# Checkpoints an agent writes with the wrong shape, each caught: a list, a string, an int, a tuple, a JSON text of
# a dict; a dict last. Which ones the SDK refuses at the call, and what files/state.json holds at the end.
import json

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("rows", {"id": 1})
    for n, value in enumerate([["cursor", 5], "cursor=5", 5, ("a", 1), json.dumps({"cursor": 5})]):
        try:
            op.checkpoint(value)
            op.upsert("accepted", {"n": n, "sent": repr(value)})
        except Exception as e:
            op.upsert("refused", {"n": n, "sent": repr(value), "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"cursor": 6})


connector = Connector(update=update)
