# Times of day and durations from an API client (time with and without tzinfo, timedelta) in declared STRING, JSON,
# NAIVE_DATETIME, LONG and inferred columns; each refusal recorded.
from datetime import time, timedelta, timezone

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [{"table": "shifts", "primary_key": ["id"], "columns": {"text": "STRING", "doc": "JSON", "at": "NAIVE_DATETIME", "n": "LONG", "f": "DOUBLE", "b": "BOOLEAN"}}]


VALUES = [time(9, 30), time(23, 59, 59, 999999), time(8, 0, tzinfo=timezone(timedelta(hours=-5))), timedelta(hours=1, minutes=30), timedelta(days=-1, seconds=5), timedelta(0)]


def update(configuration: dict, state: dict):
    n = 0
    for v in VALUES:
        for col in ["text", "doc", "at", "n", "f", "b", "inferred"]:
            n += 1
            try:
                op.upsert("shifts", {"id": n, col: v})
            except Exception as e:
                op.upsert("refusals", {"id": n, "col": col, "value": repr(v), "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"n": n})


connector = Connector(update=update, schema=schema)
