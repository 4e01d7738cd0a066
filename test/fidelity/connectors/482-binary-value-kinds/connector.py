# BINARY as people send it: bytes, bytearray, memoryview (whole and sliced), base64 text, hex text, plain text,
# non-ASCII text, empty values, a list of ints, an int. Refusals are caught and kept in `refused`.
import base64

from fivetran_connector_sdk import Connector, Operations as op

PAYLOAD = bytes(range(0, 256, 17))
VALUES = [
    PAYLOAD, bytearray(PAYLOAD), memoryview(PAYLOAD), memoryview(b"abcdef")[2:5], base64.b64encode(PAYLOAD).decode(),
    PAYLOAD.hex(), "hello", "héllo ✓", b"", "", bytearray(), [1, 2, 3], 42, None, b"\x00\xff" * 3,
]


def schema(configuration):
    return [{"table": "blobs", "primary_key": ["n"], "columns": {"n": "INT", "data": "BINARY"}},
            {"table": "refused", "primary_key": ["n"]}]


def update(configuration, state):
    for n, value in enumerate(VALUES):
        try:
            op.upsert("blobs", {"n": n, "data": value, "kind": type(value).__name__})
        except Exception as e:
            op.upsert("refused", {"n": n, "kind": type(value).__name__, "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
