# A row given another file: after the next write the SDK deletes the old file if no row names it any more, and
# removes the folders that are left empty. Rows that share a file keep it.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1}, file=FileUpload(path="old/one.txt", stream=io.BytesIO(b"1")))
    op.upsert("t", {"id": 2}, file=FileUpload(path="shared.txt", stream=io.BytesIO(b"s")))
    op.upsert("t", {"id": 3}, file=FileUpload(path="shared.txt", stream=io.BytesIO(b"s")))
    op.checkpoint({"n": 1})
    op.upsert("t", {"id": 1}, file=FileUpload(path="new/one.txt", stream=io.BytesIO(b"1b")))
    op.update("t", {"id": 2}, file=FileUpload(path="two.txt", stream=io.BytesIO(b"2")))


connector = Connector(update=update, schema=lambda c: [{"table": "t", "primary_key": ["id"]}])
