# configuration.json with a nested object value: the SDK refuses values that are not strings.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1, "c": str(configuration)})


connector = Connector(update=update)
