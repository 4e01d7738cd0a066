# Two runs; connector.py, while it loads for the second run, removes files/warehouse.db to start the warehouse
# afresh (state.json kept). `fivetran debug` opens the warehouse only after connector.py has loaded: the second
# run writes its rows into a new warehouse.db. runs.txt beside connector.py counts the runs.
import os
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))

if RUN == 2 and os.path.exists(os.path.join("files", "warehouse.db")):
    os.remove(os.path.join("files", "warehouse.db"))
    print("removed files/warehouse.db")


def update(configuration, state):
    cursor = state.get("cursor", 0)
    log.info(f"run {RUN} from cursor {cursor}")
    for i in range(cursor, cursor + 3):
        op.upsert("rows", {"id": i, "run": RUN})
    op.checkpoint({"cursor": cursor + 3})


connector = Connector(update=update)
