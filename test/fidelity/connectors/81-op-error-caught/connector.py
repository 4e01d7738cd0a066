from fivetran_connector_sdk import Connector, Operations as op, Logging as log

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"cursor": 1})
    try:
        op.error("giving up on page 2")
    except BaseException as e:
        log.info("caught: " + type(e).__name__)
    try:
        op.upsert("items", {"id": 2})
    except BaseException as e:
        log.info("again: " + type(e).__name__)

connector = Connector(update=update)
