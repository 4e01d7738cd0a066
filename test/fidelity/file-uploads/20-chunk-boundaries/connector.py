# Sizes at the SDK's 2 MB chunk boundary (exactly 2 MB, 4 MB, 2 MB + 1, 2 MB - 1) with expected_bytes, a stream that
# returns more than asked for per read, and then more bytes than expected_bytes (the connector catches the error,
# which fails the sync anyway).
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op

MB2 = 2 * 1024 * 1024


class Greedy:
    def __init__(self, data):
        self.buf = io.BytesIO(data)

    def read(self, size=-1):
        return self.buf.read(size * 2 if size and size > 0 else -1)


def update(configuration, state):
    for i, n in enumerate([MB2, 2 * MB2, MB2 + 1, MB2 - 1]):
        data = bytes([i + 1]) * n
        op.upsert("t", {"id": i}, file=FileUpload(path=f"size-{n}.bin", stream=io.BytesIO(data), expected_bytes=n))
    op.upsert("t", {"id": 9}, file=FileUpload(path="greedy.bin", stream=Greedy(b"g" * (MB2 * 3 + 5))))
    op.checkpoint({"n": 1})
    try:
        op.upsert("t", {"id": 10}, file=FileUpload(path="long.bin", stream=io.BytesIO(b"123456"), expected_bytes=3))
    except Exception as e:
        print("caught:", type(e).__name__, e)
    op.upsert("t", {"id": 11}, file=FileUpload(path="after.bin", stream=io.BytesIO(b"a")))


connector = Connector(update=update)
