# Streams that give nothing: a generator-backed ByteStream that yields no chunk, an empty file with expected_bytes=0,
# a stream whose read() returns None, and a generator stream that raises at its first read (caught by the connector,
# which goes on).
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


class GenStream:
    def __init__(self, gen):
        self.it = iter(gen)

    def read(self, size=-1):
        return next(self.it, b"")


def nothing():
    return
    yield b""


def boom():
    raise RuntimeError("generator failed before its first chunk")
    yield b"never"


class ReturnsNone:
    def read(self, size=-1):
        return None


def update(configuration, state):
    op.upsert("t", {"id": 1}, file=FileUpload(path="gen-empty.bin", stream=GenStream(nothing())))
    op.upsert("t", {"id": 2}, file=FileUpload(path="zero.bin", stream=io.BytesIO(b""), expected_bytes=0))
    op.upsert("t", {"id": 3}, file=FileUpload(path="chunks.bin", stream=GenStream([b"a", b"", b"b"])))
    try:
        op.upsert("t", {"id": 4}, file=FileUpload(path="boom.bin", stream=GenStream(boom())))
    except RuntimeError as e:
        print("caught:", e)
    try:
        op.upsert("t", {"id": 5}, file=FileUpload(path="none.bin", stream=ReturnsNone()))
    except Exception as e:
        print("caught:", type(e).__name__, e)
    op.upsert("t", {"id": 6}, file=FileUpload(path="after.bin", stream=io.BytesIO(b"after")))


connector = Connector(update=update)
