# A state json.dumps cannot write fails at op.checkpoint(); update() catches it and checkpoints a good one.
import datetime

from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def update(configuration, state):
    op.upsert("t", {"id": 1})
    try:
        op.checkpoint({"at": datetime.date(2024, 1, 1)})
    except TypeError as e:
        log.info("refused: " + str(e))
    op.upsert("t", {"id": 2})
    op.checkpoint({"at": "2024-01-01"})


connector = Connector(update=update)
