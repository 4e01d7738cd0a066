from fivetran_connector_sdk import Connector, Operations as op, Logging as log

def update(configuration, state):
    op.upsert("items", {"id": 1, "name": "first"})
    op.checkpoint({"cursor": 1})
    op.upsert("items", {"id": 2, "name": "second"})
    op.error("The source is <strong>down</strong>", trace="line 1\nline 2")
    op.upsert("items", {"id": 3, "name": "never"})

connector = Connector(update=update)
