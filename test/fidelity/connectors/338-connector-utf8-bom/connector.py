# connector.py saved as UTF-8 with a byte order mark (as Notepad saves it): Python imports it, and the sync runs;
# `fivetran debug` logs a SEVERE `SyntaxError in connector.py: invalid non-printable character U+FEFF` from its
# exit() check, which reads the file as UTF-8 and parses the text with the mark.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1, "name": "café"})
    op.checkpoint({"done": True})


connector = Connector(update=update)
