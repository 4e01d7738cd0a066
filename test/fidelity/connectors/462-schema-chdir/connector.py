# schema() changes into a scratch folder to unpack the API's schema archive, and never changes back.
import os
import tempfile

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    os.chdir(tempfile.mkdtemp(prefix="schema-"))
    with open("schema.txt", "w") as f:
        f.write("report:id\n")
    return [{"table": "report", "primary_key": ["id"]}]


def update(configuration, state):
    for i in range(3):
        op.upsert("report", {"id": i, "here": os.path.exists("schema.txt")})
    op.checkpoint({"n": 3})
    os.makedirs("files", exist_ok=True)
    with open("files/notes.txt", "w") as f:
        f.write("written relative\n")


connector = Connector(update=update, schema=schema)
