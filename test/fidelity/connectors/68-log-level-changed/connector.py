from fivetran_connector_sdk import Connector, Operations as op, Logging as log

log.LOG_LEVEL = log.Level.WARNING

def update(configuration, state):
    log.info("info shows: fivetran debug sets DEBUG")
    op.upsert("items", {"id": 1})
    op.checkpoint({"c": 1})
    log.LOG_LEVEL = None
    log.warning("now it fails")

connector = Connector(update=update)
