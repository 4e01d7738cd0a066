# A connector saved with a UTF-8 byte order mark and CRLF line ends, with text in it: it loads.
from fivetran_connector_sdk import Connector, Operations as op

TEXT = """line one
line two"""


def update(configuration, state):
    op.upsert("t", {"id": 1, "text": TEXT, "café": "crème"})
    op.checkpoint({"n": 1})


connector = Connector(update=update)
