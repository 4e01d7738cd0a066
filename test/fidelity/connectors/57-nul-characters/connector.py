# NUL characters in text, in keys of JSON, in declared STRING, in a primary key and in column names.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "STRING", "s": "STRING", "j": "JSON"}}]


def update(configuration, state):
    op.upsert("t", {"id": "a\x00b", "s": "x\x00y", "j": {"k\x00": "v\x00"}, "free": "\x00"})
    op.upsert("t", {"id": "ab", "s": "second", "j": None})
    op.checkpoint({"s": "nul\x00"})


connector = Connector(update=update, schema=schema)
