# A row given one file and then another before any checkpoint (one write): the first file was never committed to a
# row. Then the same with an update, and with a row that names the first file again at the end.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1}, file=FileUpload(path="first/a.txt", stream=io.BytesIO(b"a")))
    op.upsert("t", {"id": 1}, file=FileUpload(path="second/b.txt", stream=io.BytesIO(b"b")))
    op.upsert("t", {"id": 2, "v": 1}, file=FileUpload(path="c.txt", stream=io.BytesIO(b"c")))
    op.update("t", {"id": 2}, file=FileUpload(path="d.txt", stream=io.BytesIO(b"d")))
    op.upsert("t", {"id": 3}, file=FileUpload(path="e.txt", stream=io.BytesIO(b"e")))
    op.upsert("t", {"id": 3}, file=FileUpload(path="f.txt", stream=io.BytesIO(b"f")))
    op.upsert("t", {"id": 3}, file=FileUpload(path="e.txt", stream=io.BytesIO(b"e again")))
    op.checkpoint({"n": 1})


connector = Connector(update=update, schema=lambda c: [{"table": "t", "primary_key": ["id"]}])
