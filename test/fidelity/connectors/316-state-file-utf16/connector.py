# Two runs: the first checkpoints, then the connector leaves files/state.json rewritten by hand as UTF-16
# (as an editor on Windows saves it); the second run refuses it before update().
import os
from fivetran_connector_sdk import Connector, Operations as op

KIND = "utf16"


def update(configuration, state):
    op.upsert("runs", {"id": len(state), "state": repr(state)})
    op.checkpoint({"cursor": "2024-01-01"})
    # The newcomer "fixes" the cursor by hand, as an editor on Windows saves it.
    text = '{"cursor": "2024-02-01", "city": "Montr\u00e9al"}'
    data = {"bom": b"\xef\xbb\xbf" + text.encode("utf-8"), "latin1": text.encode("latin-1"),
            "utf16": text.encode("utf-16")}[KIND]
    with open(os.path.join("files", "state.json"), "wb") as f:
        f.write(data)


connector = Connector(update=update)
