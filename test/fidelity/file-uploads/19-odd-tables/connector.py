# Odd table and schema names with files: a table named `..`, a schema= with a slash and spaces, a table name that
# the SDK renames (`My-Table!`: the folder keeps the name as given), and an update with a file of a key never upserted.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def update(configuration, state):
    op.upsert("..", {"id": 1}, file=FileUpload(path="up.txt", stream=io.BytesIO(b"dotdot table")))
    op.upsert("t", {"id": 1}, schema="Other Schema/With Slash", file=FileUpload(path="s.txt", stream=io.BytesIO(b"s")))
    op.upsert("My-Table!", {"Id": 1}, file=FileUpload(path="m.txt", stream=io.BytesIO(b"m")))
    op.update("u", {"id": 7}, file=FileUpload(path="u.txt", stream=io.BytesIO(b"update of nothing")))


connector = Connector(update=update)
