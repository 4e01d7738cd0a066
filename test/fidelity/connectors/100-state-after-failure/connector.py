# The state of the last checkpoint before a failure is kept byte for byte, floats and big integers included.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"cursor": 98765432109876543210, "ratio": 2.0, "when": "2024-01-01T00:00:00.000Z"})
    op.upsert("t", {"id": 2})
    raise RuntimeError("the API went away")


connector = Connector(update=update)
