# A column name that is not a string fails at the call, as the SDK fails it; update() catches it.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def update(configuration, state):
    op.upsert("t", {"id": 1})
    for bad in ({1: "one"}, {None: "none"}, {("a",): 1}):
        try:
            op.upsert("t", dict(bad, id=2))
        except Exception as e:
            log.info("refused %s" % type(e).__name__)
    op.upsert("t", {"id": 3})
    op.checkpoint({})


connector = Connector(update=update)
