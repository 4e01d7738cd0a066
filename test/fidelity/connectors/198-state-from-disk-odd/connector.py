# Three runs: the first writes files/state.json itself after its checkpoint (as a user fixing state by hand might),
# with odd but valid JSON: duplicate keys, escapes, 1E400, spaces, an emoji; the SDK keeps that file at the end and
# the second run reads it. The second writes a state nested 100,000 deep: the third run's json.loads fails with a
# RecursionError, which `fivetran debug` does not catch (exit code 1, Python's traceback).
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
        with open(os.path.join("files", "state.json"), "w", encoding="utf-8") as f:
            f.write('{"run": 2, "deep": ' + "[" * 100000 + "]" * 100000 + "}")


connector = Connector(update=update)
