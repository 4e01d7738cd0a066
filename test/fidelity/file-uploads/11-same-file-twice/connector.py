# One path uploaded twice to one row and to two rows with other bytes (the last upload wins), the same path in two
# tables, a row upserted with a file and deleted in the same write, and a row deleted after it lost its file.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1}, file=FileUpload(path="same.txt", stream=io.BytesIO(b"first")))
    op.upsert("t", {"id": 1}, file=FileUpload(path="same.txt", stream=io.BytesIO(b"second, longer")))
    op.upsert("t", {"id": 2}, file=FileUpload(path="same.txt", stream=io.BytesIO(b"third")))
    op.upsert("u", {"id": 1}, file=FileUpload(path="same.txt", stream=io.BytesIO(b"other table")))
    op.upsert("t", {"id": 3}, file=FileUpload(path="gone/soon.txt", stream=io.BytesIO(b"deleted row")))
    op.delete("t", {"id": 3})
    op.checkpoint({"n": 1})
    op.upsert("t", {"id": 1}, file=FileUpload(path="moved.txt", stream=io.BytesIO(b"m")))
    op.upsert("t", {"id": 2}, file=FileUpload(path="moved.txt", stream=io.BytesIO(b"m2")))
    op.upsert("u", {"id": 1})
    op.checkpoint({"n": 2})
    op.upsert("t", {"id": 4}, file=FileUpload(path="del/later.txt", stream=io.BytesIO(b"x")))
    op.checkpoint({"n": 3})
    op.upsert("t", {"id": 4, "_fivetran_file_path": None})
    op.delete("t", {"id": 4})


connector = Connector(update=update, schema=lambda c: [{"table": "t", "primary_key": ["id"]}, {"table": "u", "primary_key": ["id"]}])
