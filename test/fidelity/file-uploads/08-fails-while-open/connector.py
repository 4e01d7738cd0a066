# The SDK's core sees an upload only once its first chunk has been read. So while an upload is left open (its
# stream failed after the first 2 MB), the next upload of another file whose stream fails at once reports the
# stream's own error, not "Multiple file uploads detected"; and the open upload's temporary file is removed when the
# sync fails.
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


class FailsAtOnce:
    def read(self, size=-1):
        raise ValueError("the source refused the download")


def update(configuration, state):
    op.upsert("t", {"id": "first"}, file=FileUpload(path="first.bin", stream=io.BytesIO(b"1")))
    op.checkpoint({"n": 1})
    try:
        op.upsert("t", {"id": "half"}, file=FileUpload(path="half.bin", stream=HalfThenFail()))
    except OSError:
        pass
    op.upsert("t", {"id": "other"}, file=FileUpload(path="other.bin", stream=FailsAtOnce()))


connector = Connector(update=update)
