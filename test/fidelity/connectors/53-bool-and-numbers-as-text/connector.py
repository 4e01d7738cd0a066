# bools and numbers in a declared STRING column, and numbers as strings in numeric columns.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "s": "STRING", "f": "FLOAT", "b": "BOOLEAN",
                                                               "i": "SHORT"}}]


def update(configuration, state):
    op.upsert("t", {"id": 1, "s": True, "f": "1e3", "b": 2, "i": "  -7 "})
    op.upsert("t", {"id": 2, "s": 1, "f": " nan ", "b": 0.0, "i": True})
    op.upsert("t", {"id": 3, "s": 2.50, "f": "-inf", "b": "1", "i": 1_000})
    op.upsert("t", {"id": 4, "s": None, "f": "1_000.5", "b": False, "i": "+5"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
