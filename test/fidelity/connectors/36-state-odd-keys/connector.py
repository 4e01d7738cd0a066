# State keys that are not strings become JSON keys as json.dumps writes them; tuples become lists.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({1: "int", 2.5: "float", True: "bool", None: "none", "pair": (1, 2)})


connector = Connector(update=update)
