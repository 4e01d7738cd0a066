# schema() returning a tuple of entries built by a generator expression, with empty "columns" and an empty
# primary_key list: the SDK accepts any iterable of dicts.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return tuple({"table": name, "primary_key": [], "columns": {}} for name in ("a", "b"))


def update(configuration, state):
    op.upsert("a", {"id": 1, "v": "x"})
    op.upsert("a", {"id": 1, "v": "x"})
    op.upsert("b", {"id": 2})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
