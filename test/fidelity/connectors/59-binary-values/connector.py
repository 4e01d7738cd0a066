# bytes and bytearray in a BINARY column and an undeclared one (where a bytearray is stored as its str()); a
# memoryview refused by BINARY.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "bin": "BINARY"}}]


def update(configuration, state):
    op.upsert("t", {"id": 1, "bin": b"\x00\xff", "free": b"abc"})
    op.upsert("t", {"id": 2, "bin": bytearray(b"xy"), "free": bytearray(b"xy")})
    try:
        op.upsert("t", {"id": 3, "bin": memoryview(b"m")})
    except TypeError:
        log.info("memoryview refused")
    op.upsert("t", {"id": 4, "bin": b"", "free": b""})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
