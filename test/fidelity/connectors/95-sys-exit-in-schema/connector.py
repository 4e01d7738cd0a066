import sys
from fivetran_connector_sdk import Connector, Operations as op

def schema(configuration):
    sys.exit(2)

def update(configuration, state):
    op.upsert("items", {"id": 1})

connector = Connector(update=update, schema=schema)
