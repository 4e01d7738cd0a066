# A newcomer who wants every local run to start over removes files/state.json when connector.py loads (a line left
# in from debugging). Two runs: `fivetran debug` reads the state after the import, so the second run starts from {}
# again and never checkpoints past its first page.
import os
from fivetran_connector_sdk import Connector, Operations as op

if os.path.exists(os.path.join("files", "state.json")):
    os.remove(os.path.join("files", "state.json"))


def update(configuration, state):
    page = state.get("page", 0) + 1
    op.upsert("pages", {"page": page, "started_from": repr(state)})
    op.checkpoint({"page": page})


connector = Connector(update=update)
