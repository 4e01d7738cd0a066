# A table without a primary key: the path is part of _fivetran_id, so the same row with another file is a new row,
# and the old file stays (a row still names it). The same row and file twice is one row.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def update(configuration, state):
    op.upsert("nokey", {"name": "a"}, file=FileUpload(path="a1.txt", stream=io.BytesIO(b"1")))
    op.upsert("nokey", {"name": "a"}, file=FileUpload(path="a1.txt", stream=io.BytesIO(b"1 again")))
    op.checkpoint({"n": 1})
    op.upsert("nokey", {"name": "a"}, file=FileUpload(path="a2.txt", stream=io.BytesIO(b"2")))
    op.upsert("nokey", {"name": "b"})
    op.upsert("nokey", {"name": "a", "_fivetran_file_path": "a1.txt"})
    op.delete("nokey", {"name": "a", "_fivetran_file_path": "a2.txt"})


connector = Connector(update=update)
