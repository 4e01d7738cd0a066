# The first run of an incremental connector reads its cursor with `state["cursor"]`: the state is empty, and the
# KeyError's text is the quoted key: `failed while executing update() error: 'cursor'`.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("meta", {"id": 1, "started": True})
    cursor = state["cursor"]
    op.upsert("events", {"id": 2, "after": cursor})
    op.checkpoint({"cursor": cursor})


connector = Connector(update=update)
