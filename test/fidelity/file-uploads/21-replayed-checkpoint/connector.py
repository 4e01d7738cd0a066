# File uploads in a checkpoint written again (4,200 whole-number keys, an early write, then a key with a fraction):
# rows of an earlier checkpoint get new files (upsert and update), so their old files go; a new row and a row whose
# key has a fraction bring theirs.
import io
from fivetran_connector_sdk import Connector, Operations as op, FileUpload


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}, {"table": "docs", "primary_key": ["d"]}]


def update(configuration, state):
    op.upsert("docs", {"d": 1, "n": "a"}, file=FileUpload("a.txt", io.BytesIO(b"A")))
    op.upsert("docs", {"d": 2, "n": "b"}, file=FileUpload("b.txt", io.BytesIO(b"B")))
    op.checkpoint({"c": 0})
    for i in range(4200):
        op.upsert("t", {"id": i, "v": "in"})
    op.upsert("docs", {"d": 1, "n": "a2"}, file=FileUpload("a2.txt", io.BytesIO(b"A2")))
    op.update("docs", {"d": 2, "n": "b2"}, file=FileUpload("b2.txt", io.BytesIO(b"B2")))
    op.upsert("docs", {"d": 3, "n": "c"}, file=FileUpload("c.txt", io.BytesIO(b"C")))
    op.upsert("docs", {"d": 4.5, "n": "d"}, file=FileUpload("dd.txt", io.BytesIO(b"D")))
    op.upsert("t", {"id": 0.5, "v": "float"})
    op.checkpoint({"c": 1})


connector = Connector(update=update, schema=schema)
