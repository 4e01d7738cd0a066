# update() as a generator yielding operations, as older SDK examples do, and also yielding plain values (None,
# an int, a dict, a string) between them; then returning a value.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    yield op.upsert("t", {"id": 1})
    yield None
    yield 42
    yield {"id": 99}
    yield "checkpoint"
    yield op.checkpoint({"a": 1})
    yield op.upsert("t", {"id": 2})
    return "done"


connector = Connector(update=update)
