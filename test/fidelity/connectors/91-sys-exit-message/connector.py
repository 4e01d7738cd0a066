import sys
from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"cursor": 1})
    sys.exit("no more pages")

connector = Connector(update=update)
