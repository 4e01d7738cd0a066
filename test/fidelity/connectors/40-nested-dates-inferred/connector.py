# A date nested in a dict of an undeclared column: json.dumps refuses it inside op.upsert(); caught, the sync goes on.
import datetime

from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def update(configuration, state):
    op.upsert("t", {"id": 1, "doc": {"ok": True}})
    try:
        op.upsert("t", {"id": 2, "doc": {"when": datetime.date(2024, 1, 1)}})
    except TypeError as e:
        log.info("refused: " + str(e))
    try:
        op.upsert("t", {"id": 3, "doc": {(1, 2): "tuple key"}})
    except TypeError as e:
        log.info("refused: " + str(e))
    op.upsert("t", {"id": 4, "doc": {1: "int key", 2.5: "float key", None: "none", False: 0}})
    op.upsert("t", {"id": 5, "doc": [(1, 2), ("a",)]})
    op.checkpoint({})


connector = Connector(update=update)
