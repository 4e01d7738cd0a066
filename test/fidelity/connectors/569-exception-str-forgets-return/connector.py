# A custom API error whose __str__ forgets its `return`: Python refuses the None it gives (`__str__ returned
# non-string (type NoneType)`), and that TypeError ends the sync instead of the ApiError.
from fivetran_connector_sdk import Connector, Operations as op


class ApiError(Exception):
    def __init__(self, status, body):
        super().__init__(status, body)
        self.status = status
        self.body = body

    def __str__(self):
        f"API error {self.status}: {self.body}"


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"page": 1})
    op.upsert("t", {"id": 2})
    raise ApiError(500, "internal error")


connector = Connector(update=update)
