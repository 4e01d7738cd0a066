# configuration.json with unicode keys and values, escapes, an empty key, a 40-digit number as text and a long
# value: all strings, so accepted; the connector stores what it read.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for k, v in configuration.items():
        op.upsert("config", {"key": k, "value": v[:50], "length": len(v)})
    op.checkpoint({"keys": sorted(configuration)})


connector = Connector(update=update)
