# Plain calls, calls in helper functions, and a helper generator consumed with `yield from`, in one update().
from fivetran_connector_sdk import Connector, Operations as op


def write_plain(n):
    for i in range(n):
        op.upsert("mixed", {"id": i, "how": "plain"})


def write_yielding(start, n):
    for i in range(start, start + n):
        yield op.upsert("mixed", {"id": i, "how": "yielded"})
    yield op.checkpoint({"after": start + n})


def update(configuration, state):
    write_plain(5)
    op.checkpoint({"after": 5})
    yield from write_yielding(5, 5)
    op.update("mixed", {"id": 0, "how": "updated plainly"})
    yield op.delete("mixed", {"id": 9})
    op.checkpoint({"after": 10, "done": True})


connector = Connector(update=update)
