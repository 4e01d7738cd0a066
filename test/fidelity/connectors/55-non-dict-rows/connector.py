# A row that is not a dict fails at the call; update() catches it.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def update(configuration, state):
    op.upsert("t", {"id": 1})
    for bad in ([("id", 2)], None, "id=2"):
        try:
            op.upsert("t", bad)
        except Exception as e:
            log.info("refused %s" % type(e).__name__)
    op.upsert("t", {"id": 3})
    op.checkpoint({})


connector = Connector(update=update)
