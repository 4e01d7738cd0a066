import warnings
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"c": 1})
    log.severe("severe still works while warnings are only shown")
    warnings.simplefilter("error")
    log.fine("fine is deprecated: with warnings as errors this raises")

connector = Connector(update=update)
