# Keyless rows that differ only by 1 against 1.0 or "1" get different _fivetran_id hashes; identical ones merge.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for v in [1, 1.0, "1", True, 1, 1.0]:
        op.upsert("keyless", {"v": v})
    op.upsert("keyless", {"v": None})
    op.upsert("keyless", {"w": None})
    op.checkpoint({})


connector = Connector(update=update)
