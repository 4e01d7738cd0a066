# configuration.json saved in Latin-1 (`Montr\\xe9al`): refused with Python's UnicodeDecodeError text.
# The connector stores each configuration value as a row.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for k, v in sorted(configuration.items()):
        op.upsert("config", {"key": k, "value": v})
    op.checkpoint({"keys": len(configuration)})


connector = Connector(update=update)
