# schema= source schemas with odd names: spaces and dots, a reserved word, a leading digit, an emoji, camelCase,
# declared in schema() and used only on operations.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "t", "schema": "My Schema.v2", "primary_key": ["id"], "columns": {"id": "INT"}},
        {"table": "t", "schema": "select", "primary_key": ["id"]},
        {"table": "t", "schema": "123abc"},
    ]


def update(configuration, state):
    op.upsert("t", {"id": 1, "v": "a"}, schema="My Schema.v2")
    op.upsert("t", {"id": 2, "v": "b"}, schema="select")
    op.upsert("t", {"id": 3, "v": "c"}, schema="123abc")
    op.upsert("t", {"id": 4, "v": "d"}, schema="🎉 party")
    op.upsert("t", {"id": 5, "v": "e"}, schema="camelCaseSchema")
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
