# update() raises an exception whose message spans lines, with indentation, a blank line and a word "Traceback".
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    raise ValueError("request failed\n  status: 500\n\nTraceback of the server:\n  boom")


connector = Connector(update=update)
