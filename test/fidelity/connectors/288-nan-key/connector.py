# NaN as a key value (an API sending NaN as a score used as a key) in a table with a key and no types, after a
# checkpoint: the row's key is null once loaded, and the sync fails at the next checkpoint.
import math
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "scores", "primary_key": ["score"]}]


def update(configuration, state):
    op.upsert("scores", {"score": 1.5, "v": "a"})
    op.checkpoint({"step": 1})
    op.upsert("scores", {"score": 2.5, "v": "b"})
    op.upsert("scores", {"score": math.nan, "v": "nan"})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
