# A very long file name: one path component of 300 characters (more than the 255 a Linux file name may have), after
# a long but valid one.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1}, file=FileUpload(path="d/" + "a" * 250 + ".txt", stream=io.BytesIO(b"ok")))
    op.checkpoint({"n": 1})
    op.upsert("t", {"id": 2}, file=FileUpload(path="d/" + "b" * 300 + ".txt", stream=io.BytesIO(b"too long")))


connector = Connector(update=update)
