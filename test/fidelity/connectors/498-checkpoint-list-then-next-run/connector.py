# Two runs: the first ends with op.checkpoint([...]) (a list, not a dict); the second run starts from that file.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("runs", {"id": 1 if not state else 2, "state": repr(state)})
    op.checkpoint([{"cursor": "2024-01-01"}, {"cursor": "2024-02-01"}])


connector = Connector(update=update)
