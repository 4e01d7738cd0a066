# schema() "primes" the state file with the cursor it wants; update() trusts the state it is given and never
# checkpoints (a bug: the state lives in the file only).
import json
import os

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    os.makedirs("files", exist_ok=True)
    cur = {}
    if os.path.exists("files/state.json"):
        with open("files/state.json") as f:
            cur = json.load(f)
    cur["cursor"] = cur.get("cursor", 0) + 10
    with open("files/state.json", "w") as f:
        json.dump(cur, f)
    return [{"table": "events", "primary_key": ["id"]}]


def update(configuration, state):
    op.upsert("events", {"id": 1, "state_given": json.dumps(state, sort_keys=True)})
    with open("files/state.json") as f:
        op.upsert("events", {"id": 2, "state_given": f.read()})


connector = Connector(update=update, schema=schema)
