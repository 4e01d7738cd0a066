# A stream that fails after its first 2 MB chunk leaves its upload open in the SDK: the connector catches the
# error, and the next upload of another file fails the sync ("Multiple file uploads detected").
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


class HalfThenFail:
    def __init__(self):
        self.reads = 0

    def read(self, size=-1):
        self.reads += 1
        if self.reads == 1:
            return b"h" * size
        raise OSError("connection reset")


def update(configuration, state):
    op.upsert("t", {"id": "first"}, file=FileUpload(path="first.bin", stream=io.BytesIO(b"1")))
    op.checkpoint({"n": 1})
    try:
        op.upsert("t", {"id": "half"}, file=FileUpload(path="half.bin", stream=HalfThenFail()))
    except OSError:
        pass
    op.upsert("t", {"id": "next"}, file=FileUpload(path="next.bin", stream=io.BytesIO(b"n")))


connector = Connector(update=update)
