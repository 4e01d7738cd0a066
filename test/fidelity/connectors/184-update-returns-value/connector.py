# update() as a plain function that returns a value (a list of rows, as a user might think it is used).
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    return [{"id": 2}, {"id": 3}]


connector = Connector(update=update)
