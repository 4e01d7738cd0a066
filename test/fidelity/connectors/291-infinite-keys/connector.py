# Infinities as key values, inferred and declared DOUBLE: upserts, a re-upsert, an update and a delete naming them;
# NaN and infinities in a key-less table, twice each.
import math
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "declared", "primary_key": ["score"], "columns": {"score": "DOUBLE"}},
            {"table": "inferred", "primary_key": ["score"]}]


def update(configuration, state):
    for t in ("declared", "inferred"):
        op.upsert(t, {"score": 1.5, "v": "a"})
        op.upsert(t, {"score": math.inf, "v": "inf"})
        op.upsert(t, {"score": -math.inf, "v": "-inf"})
        op.upsert(t, {"score": float("1e400"), "v": "1e400"})
    op.checkpoint({"step": 1})
    for t in ("declared", "inferred"):
        op.update(t, {"score": math.inf, "v": "inf updated"})
        op.delete(t, {"score": -math.inf})
        op.upsert(t, {"score": -math.inf, "v": "-inf again"})
    for v in (math.nan, math.nan, math.inf, -math.inf, math.inf):
        op.upsert("loose", {"score": v, "v": 1})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
