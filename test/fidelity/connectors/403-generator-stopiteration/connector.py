# A generator update() that calls next() on an exhausted page iterator: Python turns the StopIteration into
# `RuntimeError: generator raised StopIteration`, after a yielded checkpoint.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    pages = iter([[{"id": 1}, {"id": 2}]])
    first = next(pages)
    for row in first:
        yield op.upsert("rows", row)
    yield op.checkpoint({"page": 1})
    second = next(pages)
    for row in second:
        yield op.upsert("rows", row)


connector = Connector(update=update)
