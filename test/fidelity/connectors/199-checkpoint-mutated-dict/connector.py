# One dict checkpointed several times and mutated in between (a cursor updated in place), then the sync fails:
# the state kept is the one of the last checkpoint, not the dict as it was when update() failed.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    s = {"cursor": 0, "pages": []}
    for page in range(3):
        op.upsert("t", {"page": page})
        s["cursor"] = page
        s["pages"].append(page)
        op.checkpoint(s)
    s["cursor"] = 99
    s["pages"].append("not checkpointed")
    op.upsert("t", {"page": 99})
    raise RuntimeError("failed after the last checkpoint")


connector = Connector(update=update)
