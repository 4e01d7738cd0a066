from fivetran_connector_sdk import Connector, Operations as op, Logging as log

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"cursor": 1})
    for page in range(3):
        try:
            if page == 1:
                op.error("page %d failed" % page)
            op.upsert("items", {"id": 10 + page})
        except Exception as e:
            log.warning("skipping page: %s" % e)
    op.checkpoint({"cursor": 2})

connector = Connector(update=update)
