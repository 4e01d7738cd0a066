# Connector saved in Latin-1 by an editor on Windows: the comment says café. Python refuses the file.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})


connector = Connector(update=update)
