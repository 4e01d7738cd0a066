# 4,200 rows whose inferred float columns hold -0.0 (written early, past 4,096 operations), then in the same
# checkpoint a row that makes one column text and another JSON: the rows keep "-0.0" and -0.0 as sent. A third
# column stays FLOAT.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "zeros", "primary_key": ["id"]}]


def update(configuration, state):
    for i in range(4200):
        op.upsert("zeros", {"id": i, "as_text": -0.0, "as_json": -0.0, "stays_float": -0.0})
    op.upsert("zeros", {"id": -1, "as_text": "text", "as_json": {"j": 1}, "stays_float": 0.5})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
