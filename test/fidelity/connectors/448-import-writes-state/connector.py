# Reset the cursor when RESET is in a marker file: done as the module loads, by rewriting files/state.json.
import json
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

if os.path.exists("files/state.json"):
    with open("files/state.json") as f:
        old = json.load(f)
    log.info(f"previous state {old}")
    old["cursor"] = old.get("cursor", 0) + 100
    old["edited_at_import"] = True
    with open("files/state.json", "w") as f:
        json.dump(old, f)
else:
    os.makedirs("files", exist_ok=True)
    with open("files/state.json", "w") as f:
        f.write('{"cursor": 5}')


def update(configuration, state):
    cursor = state.get("cursor", 0)
    for i in range(cursor, cursor + 3):
        op.upsert("events", {"id": i, "from_state": json.dumps(state, sort_keys=True)})
    op.checkpoint({"cursor": cursor + 3})


connector = Connector(update=update)
