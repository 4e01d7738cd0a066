# Odd but valid file names: spaces, unicode, `..` in the middle, a lone `..`, a home-like `~`, shell and Windows
# special characters, a dot file, a path that is only dots and slashes, and a table name with unicode and a slash.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op

NAMES = [
    "with space/file name.txt",
    "résumé/日本語 ファイル.txt",
    "a/../b.txt",
    "..",
    "~/home.txt",
    "star*and?colon:pipe|.txt",
    ".hidden",
    "./../.",
    "emoji 😀.bin",
    "trailing dot./x.",
    "\\\\server\\share\\f.txt",
]


def update(configuration, state):
    for i, name in enumerate(NAMES):
        op.upsert("odd", {"id": i}, file=FileUpload(path=name, stream=io.BytesIO(name.encode())))
    op.upsert("Tablé/Sub", {"id": 1}, file=FileUpload(path="in table with slash.txt", stream=io.BytesIO(b"t")))


connector = Connector(update=update, schema=lambda c: [{"table": "odd", "primary_key": ["id"]}])
