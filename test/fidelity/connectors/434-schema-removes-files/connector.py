# schema() "resets" the local output as a debugging aid: it removes files/ before the sync writes anything.
import shutil

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    shutil.rmtree("files", ignore_errors=True)
    return [{"table": "items", "primary_key": ["id"]}]


def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"n": 1})
    op.upsert("items", {"id": 2})


connector = Connector(update=update, schema=schema)
