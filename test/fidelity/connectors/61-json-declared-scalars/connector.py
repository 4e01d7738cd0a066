# A declared JSON column given scalars, tuples, strings of JSON and nested unicode: json.dumps of each.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "j": "JSON"}}]


def update(configuration, state):
    values = ["{\"a\": 1}", 42, True, (1, "two"), {"é": "✓", "emoji": "\U0001F600"}, [], {}, 2.5]
    for i, v in enumerate(values):
        op.upsert("t", {"id": i, "j": v})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
