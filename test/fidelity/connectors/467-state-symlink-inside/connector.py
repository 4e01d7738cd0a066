# Keep the cursor in a file checked into the repo: files/state.json is made a link to it as the module loads.
import os

from fivetran_connector_sdk import Connector, Operations as op

os.makedirs("files", exist_ok=True)
if not os.path.islink("files/state.json"):
    if os.path.exists("files/state.json"):
        os.remove("files/state.json")
    os.symlink("../saved-state.json", "files/state.json")


def update(configuration, state):
    cursor = state.get("cursor", 0)
    for i in range(cursor, cursor + 2):
        op.upsert("rows", {"id": i})
    op.checkpoint({"cursor": cursor + 2})
    with open("saved-state.json") as f:
        op.upsert("saved", {"id": 1, "text": f.read()})
    op.upsert("saved", {"id": 2, "text": str(os.path.islink("files/state.json"))})


connector = Connector(update=update)
