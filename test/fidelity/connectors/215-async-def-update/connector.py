# update() written as `async def`: the SDK calls it and gets a coroutine it never awaits, so none of its operations
# run; the sync succeeds with nothing written.
from fivetran_connector_sdk import Connector, Operations as op


async def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"ran": True})


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}]


connector = Connector(update=update, schema=schema)
