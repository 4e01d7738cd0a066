from fivetran_connector_sdk import Connector, Operations as op, Logging as log

def update(configuration, state):
    log.fine("fine is deprecated")
    log.severe("severe is deprecated")
    try:
        {}["missing"]
    except KeyError as e:
        log.error("lookup failed", e)
        log.critical("still here", e)
    op.upsert("items", {"id": 1})
    op.checkpoint({"cursor": 1})
    log.warning(None)

connector = Connector(update=update)
