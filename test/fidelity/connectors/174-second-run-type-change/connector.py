# Two runs: the second declares other types for the same columns (INT -> STRING, STRING -> INT, DOUBLE -> DECIMAL,
# NAIVE_DATE -> UTC_DATETIME) and another primary key; the state switches the schema.
import json
import os
from fivetran_connector_sdk import Connector, Operations as op


def second_run():
    return os.path.exists(os.path.join("files", "state.json"))


def schema(configuration):
    if not second_run():
        return [{"table": "t", "primary_key": ["id"],
                 "columns": {"id": "INT", "a": "INT", "b": "STRING", "c": "DOUBLE", "d": "NAIVE_DATE"}}]
    return [{"table": "t", "primary_key": ["id", "b"],
             "columns": {"id": "STRING", "a": "STRING", "b": "INT", "c": {"type": "DECIMAL", "precision": 6, "scale": 3},
                         "d": "UTC_DATETIME"}}]


def update(configuration, state):
    run = state.get("run", 0)
    for i in range(3):
        op.upsert("t", {"id": i + run * 10, "a": i, "b": str(i), "c": "%.4f" % (i / 3), "d": ("2024-01-0%d" if not run else "2024-01-0%dT00:00:00Z") % (i + 1)})
    op.checkpoint({"run": run + 1})


connector = Connector(update=update, schema=schema)
