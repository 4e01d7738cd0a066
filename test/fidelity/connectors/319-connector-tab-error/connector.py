# Indentation mixing a tab and spaces in one block, as two editors leave it: TabError when the file loads.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for i in range(2):
        op.upsert("t", {"id": i})
	op.checkpoint({"n": 1})


connector = Connector(update=update)
