# The same mistake in a plain update(): next() on an empty iterator raises a StopIteration with no message.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    op.upsert("rows", {"id": 1})
    op.checkpoint({"page": 1})
    token = next(iter([]))
    op.upsert("rows", {"id": 2, "token": token})


connector = Connector(update=update)
