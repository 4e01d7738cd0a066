# A lone surrogate in text fails at the call as the SDK fails it (it cannot be encoded as UTF-8); caught.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def update(configuration, state):
    op.upsert("t", {"id": 1, "v": "ok"})
    try:
        op.upsert("t", {"id": 2, "v": "bad \ud800"})
    except Exception as e:
        log.info("refused %s" % type(e).__name__)
    op.upsert("t", {"id": 3, "v": {"k": "json \ud800"}})
    op.checkpoint({})


connector = Connector(update=update)
