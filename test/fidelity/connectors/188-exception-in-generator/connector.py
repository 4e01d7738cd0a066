# A generator update() that raises in the middle, after yielded checkpoints, with a custom exception class whose
# __str__ is its own.
from fivetran_connector_sdk import Connector, Operations as op


class ApiError(Exception):
    def __str__(self):
        return "ApiError(code=%s)" % self.args[0]


def update(configuration, state):
    yield op.upsert("t", {"id": 1})
    yield op.checkpoint({"page": 1})
    yield op.upsert("t", {"id": 2})
    raise ApiError(429)


connector = Connector(update=update)
