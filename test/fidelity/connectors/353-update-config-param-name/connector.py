# The parameter named `config` instead of `configuration`: the SDK calls update() with keywords.
from fivetran_connector_sdk import Connector, Operations as op


def update(config, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({})


connector = Connector(update=update)
