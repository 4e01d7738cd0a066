# The connector fails after uploads: the rows after the checkpoint are rolled back, the files stay on disk.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1}, file=FileUpload(path="one.txt", stream=io.BytesIO(b"1")))
    op.checkpoint({"n": 1})
    op.upsert("t", {"id": 2}, file=FileUpload(path="two.txt", stream=io.BytesIO(b"2")))
    op.upsert("t", {"id": None}, file=FileUpload(path="null-key.txt", stream=io.BytesIO(b"stored before the key check")))


connector = Connector(update=update, schema=lambda c: [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT"}}])
