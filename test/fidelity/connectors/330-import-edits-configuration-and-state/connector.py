# Two runs; connector.py, while it loads for the second run, rewrites configuration.json (another table prefix)
# and seeds files/state.json with a cursor of its own. `fivetran debug` imports connector.py first and reads
# configuration.json and files/state.json after: the second run sees both edits. runs.txt beside connector.py
# counts the runs.
import json
import os
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))

if RUN == 2:
    with open("configuration.json", "w", encoding="utf-8") as f:
        json.dump({"prefix": "seeded_"}, f)
    with open(os.path.join("files", "state.json"), "w", encoding="utf-8") as f:
        json.dump({"cursor": 100}, f)


def update(configuration, state):
    cursor = state.get("cursor", 0)
    log.info(f"run {RUN}: prefix {configuration.get('prefix')!r}, cursor {cursor}")
    for i in range(cursor, cursor + 2):
        op.upsert(configuration.get("prefix", "") + "rows", {"id": i, "run": RUN})
    op.checkpoint({"cursor": cursor + 2})


connector = Connector(update=update)
