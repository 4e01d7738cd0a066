# An INT column fed 2**31 by an API that grew: the first page fits, the second does not, nothing is caught.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "counters", "primary_key": ["id"], "columns": {"id": "INT", "hits": "INT"}}]


def update(configuration, state):
    for i in range(3):
        op.upsert("counters", {"id": i, "hits": 2 ** 30 + i})
    op.checkpoint({"page": 1})
    op.upsert("counters", {"id": 3, "hits": 2 ** 31})
    op.checkpoint({"page": 2})


connector = Connector(update=update, schema=schema)
