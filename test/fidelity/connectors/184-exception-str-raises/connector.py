# update() raises an exception whose __str__ itself raises (a ValueError): the SDK's formatting of the message
# fails, and the sync fails with that ValueError's text alone, without the "failed while executing" prefix.
from fivetran_connector_sdk import Connector, Operations as op


class ApiError(Exception):
    def __str__(self):
        raise ValueError("could not format ApiError: %r" % (self.args,))


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"page": 1})
    op.upsert("t", {"id": 2})
    raise ApiError(503, "unavailable")


connector = Connector(update=update)
