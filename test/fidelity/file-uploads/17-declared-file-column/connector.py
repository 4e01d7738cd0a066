# Tables declared in schema(): one declares _fivetran_file_path itself (as STRING), one declares it as INT, and one
# is declared with a mixed-case name and written with that name.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def schema(configuration):
    return [
        {"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "_fivetran_file_path": "STRING"}},
        {"table": "MixedCase", "primary_key": ["id"], "columns": {"id": "LONG"}},
    ]


def update(configuration, state):
    op.upsert("declared", {"id": 1}, file=FileUpload(path="d/one.txt", stream=io.BytesIO(b"1")))
    op.upsert("declared", {"id": 2, "_fivetran_file_path": "no/file.txt"})
    op.upsert("MixedCase", {"id": 1}, file=FileUpload(path="m.txt", stream=io.BytesIO(b"m")))
    op.upsert("mixedcase", {"id": 2}, file=FileUpload(path="m2.txt", stream=io.BytesIO(b"m2")))
    op.checkpoint({"n": 1})
    op.upsert("declared", {"id": 1}, file=FileUpload(path="d/two.txt", stream=io.BytesIO(b"2")))


connector = Connector(update=update, schema=schema)
