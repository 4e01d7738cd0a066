# The pre-2.0 style: update() is a generator and every operation is yielded.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "yielded", "primary_key": ["id"]}]


def update(configuration, state):
    log.info("generator style")
    for i in range(6):
        yield op.upsert(table="yielded", data={"id": i, "square": i * i})
    yield op.update("yielded", {"id": 2, "square": -1})
    yield op.delete("yielded", {"id": 5})
    yield op.checkpoint(state={"yielded": 6})
    yield op.truncate("yielded")
    yield op.upsert("yielded", {"id": 10, "square": 100})
    yield op.checkpoint({"yielded": 7})


connector = Connector(update=update, schema=schema)
