# Binary identifiers (hash digests, raw UUID bytes) as primary keys: declared BINARY, declared without a type and
# undeclared key-less; updated and deleted by the same bytes, by a bytearray, and by their hex text.
import hashlib
import uuid

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [
        {"table": "blobs", "primary_key": ["digest"], "columns": {"digest": "BINARY"}},
        {"table": "untyped", "primary_key": ["raw"]},
    ]


def update(configuration: dict, state: dict):
    digests = [hashlib.sha1(str(i).encode()).digest()[:6] for i in range(4)] + [b"", b"\x00\xff"]
    for i, d in enumerate(digests):
        op.upsert("blobs", {"digest": d, "n": i})
        op.upsert("untyped", {"raw": d, "n": i})
        op.upsert("keyless", {"raw": d, "n": i})
    op.checkpoint({"phase": 1})
    op.update("blobs", {"digest": digests[0], "n": 100})
    op.update("untyped", {"raw": bytearray(digests[1]), "n": 101})
    op.delete("blobs", {"digest": digests[2]})
    op.delete("untyped", {"raw": digests[4]})
    op.update("untyped", {"raw": digests[3].hex(), "n": 103})
    op.upsert("untyped", {"raw": uuid.UUID(int=7).bytes, "n": 7})
    op.checkpoint({"phase": 2})


connector = Connector(update=update, schema=schema)
