# A file replaced after a checkpoint, then the connector raises before the next checkpoint: what files/storage holds
# (the old file, whose row is kept, and the new one, whose row is rolled back).
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1}, file=FileUpload(path="v1/doc.txt", stream=io.BytesIO(b"version 1")))
    op.upsert("t", {"id": 2}, file=FileUpload(path="keep.txt", stream=io.BytesIO(b"keep")))
    op.checkpoint({"n": 1})
    op.upsert("t", {"id": 1}, file=FileUpload(path="v2/doc.txt", stream=io.BytesIO(b"version 2")))
    op.upsert("t", {"id": 2}, file=FileUpload(path="keep.txt", stream=io.BytesIO(b"keep, rewritten")))
    raise RuntimeError("the API went away after the upload")


connector = Connector(update=update)
