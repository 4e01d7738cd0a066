# op.checkpoint(None): the state becomes null; the next run starts from it (state is then None, or {}?).
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def update(configuration, state):
    op.upsert("runs", {"id": len(state or {}) + (100 if state is None else 0), "state": repr(state)})
    op.checkpoint(None)
    op.upsert("runs", {"id": 7, "state": "after"})


connector = Connector(update=update)
