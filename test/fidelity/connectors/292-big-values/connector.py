# Big values from an API: a 3 MB text in a keyed table, a 2 MB JSON document, 1.5 MB of bytes in a declared BINARY and
# an inferred column, a 1 MB text as a primary key (updated and deleted by it), and a 2 MB string in the state.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "blobs", "primary_key": ["id"], "columns": {"id": "INT", "data": "BINARY", "doc": "JSON"}}]


def update(configuration, state):
    text = "".join(chr(0x41 + (i * 7) % 26) for i in range(3 * 1024 * 1024))
    op.upsert("pages", {"id": 1, "body": text, "tail": text[-10:]})
    op.upsert("pages", {"id": 2, "body": "é€😀\n" * 300000})
    doc = {"items": [{"n": i, "s": "v%d" % i, "f": i / 7} for i in range(40000)]}
    raw = bytes((i * 31) % 256 for i in range(1536 * 1024))
    op.upsert("blobs", {"id": 1, "data": raw, "doc": doc})
    op.upsert("loose_blobs", {"data": raw, "doc": doc})
    op.checkpoint({"page": "x" * (2 * 1024 * 1024)})
    key = "k" * (1024 * 1024)
    op.upsert("keyed_by_text", {"key": key, "v": 1})
    op.upsert("keyed_by_text", {"key": key + "2", "v": 2})
    op.checkpoint({"page": 2})
    op.update("keyed_by_text", {"key": key, "v": 10})
    op.delete("keyed_by_text", {"key": key + "2"})
    op.checkpoint({"page": 3})


def schema_tables(configuration):
    return schema(configuration) + [{"table": "keyed_by_text", "primary_key": ["key"]}]


connector = Connector(update=update, schema=schema_tables)
