# Binary data with NUL bytes and every byte value, and a real file opened in binary mode with expected_bytes. A stream
# whose read() returns bytearray or memoryview is refused (only bytes is taken); the connector catches that and goes on.
import io
import os
import tempfile

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


class Wrap:
    def __init__(self, data, kind):
        self.buf = io.BytesIO(data)
        self.kind = kind

    def read(self, size=-1):
        return self.kind(self.buf.read(size))


def update(configuration, state):
    data = b"\x00" * 10 + bytes(range(256)) + b"\x00\xff\x00"
    op.upsert("t", {"id": 1}, file=FileUpload(path="nul.bin", stream=io.BytesIO(data), expected_bytes=len(data)))
    for i, kind in ((2, bytearray), (3, memoryview)):
        try:
            op.upsert("t", {"id": i}, file=FileUpload(path=f"{kind.__name__}.bin", stream=Wrap(data, kind)))
        except TypeError as e:
            op.upsert("refused", {"kind": kind.__name__, "error": str(e)})
    fd, p = tempfile.mkstemp()
    os.write(fd, data * 3)
    os.close(fd)
    with open(p, "rb") as f:
        op.upsert("t", {"id": 4}, file=FileUpload(path="real.bin", stream=f, expected_bytes=len(data) * 3))
    os.unlink(p)


connector = Connector(update=update)
