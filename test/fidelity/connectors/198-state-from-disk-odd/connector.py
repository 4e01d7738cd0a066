# Two runs: the first writes files/state.json itself (as a user fixing state by hand might) with odd but valid JSON:
# duplicate keys, escapes, 1E400, whitespace and a BOM-less UTF-8 emoji; then the second run reads it.
import json
import os
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("seen", {"run": state.get("run", 0), "state": json.dumps(state, sort_keys=True)})
    if state.get("run", 0) == 0:
        op.checkpoint({"run": 1})
        with open(os.path.join("files", "state.json"), "w", encoding="utf-8") as f:
            f.write('\n { "run" : 1, "dup": 1, "dup": 2, "big": 1E400, "esc": "\\u00e9\\ud83c\\udf89", "e": "🎉" } \n')
    else:
        op.checkpoint(state)


connector = Connector(update=update)
