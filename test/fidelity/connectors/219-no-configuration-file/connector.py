# No configuration.json at all (a connector that reads no configuration): `fivetran debug` refuses to run
# without one, even though update() would ignore it.
from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Operations as op


def update(configuration, state):
    op.upsert("greeting", {"id": 1, "text": "hi"})
    op.checkpoint({"done": True})


connector = Connector(update=update)
