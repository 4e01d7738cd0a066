# "Reset" the local warehouse each run by emptying the file as the module loads.
import os

from fivetran_connector_sdk import Connector, Operations as op

if os.path.exists("files/warehouse.db"):
    open("files/warehouse.db", "w").close()


def update(configuration, state):
    for i in range(3):
        op.upsert("items", {"id": i, "seen_state": str(state)})
    op.checkpoint({"runs": state.get("runs", 0) + 1})


connector = Connector(update=update)
