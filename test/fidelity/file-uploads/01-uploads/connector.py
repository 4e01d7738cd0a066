# Uploads that succeed: declared, inferred and schema= tables, trimmed paths, `..` and `.` escaped, a file of
# several 2 MB chunks, an empty file, a row's own _fivetran_file_path overwritten (one warning), both yield styles,
# update with a file, and a delete (the file stays).
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def schema(configuration):
    return [{"table": "docs", "primary_key": ["id"], "columns": {"id": "INT", "name": "STRING"}}]


def update(configuration, state):
    op.upsert("docs", {"id": 1, "name": "a"}, file=FileUpload(path="reports/a.txt", stream=io.BytesIO(b"hello"), expected_bytes=5))
    op.upsert("docs", {"id": 2, "name": "b"}, file=FileUpload(path="  spaced/b.bin  ", stream=io.BytesIO(bytes(range(256)) * 20000)))
    op.upsert("docs", {"id": 3, "name": "c"}, file=FileUpload("../escape/c.txt", io.BytesIO(b"c")))
    op.upsert("docs", {"id": 4, "name": "d", "_fivetran_file_path": "ignored"}, file=FileUpload(path="./d.txt", stream=io.BytesIO(b"")))
    op.upsert("docs", {"_fivetran_file_path": "ignored too", "id": 5, "name": "e"}, file=FileUpload(path="/abs/e.txt", stream=io.BytesIO(b"e")))
    op.upsert("blobs", {"k": "x"}, file=FileUpload(path="2024-01-01", stream=io.BytesIO(b"named like a date")))
    op.upsert("blobs", {"k": "y"}, file=FileUpload(path="win\\dir\\y.txt", stream=io.BytesIO(b"y")))
    op.upsert("Docs Two", {"id": 9}, schema="Src.Schema", file=FileUpload(path="nested/deep/z.json", stream=io.BytesIO(b"{}")))
    op.checkpoint({"step": 1})
    yield op.update("docs", {"id": 2, "name": "b2"}, file=FileUpload(path="spaced/b.bin", stream=io.BytesIO(b"rewritten")))
    yield op.upsert("docs", {"id": 6, "name": "f"}, file=FileUpload(path="f.txt", stream=io.BytesIO(b"f"), expected_bytes=1))
    op.delete("docs", {"id": 3})
    op.upsert("docs", {"id": 7, "name": "no file"})
    op.upsert("plain", {"id": 1, "_fivetran_file_path": "not/a/file"})
    op.checkpoint({"step": 2})
    op.upsert("docs", {"id": 8, "name": "after the last checkpoint"}, file=FileUpload(path="h.txt", stream=open(__file__, "rb")))


connector = Connector(update=update, schema=schema)
