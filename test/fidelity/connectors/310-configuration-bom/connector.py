# configuration.json saved with a UTF-8 byte order mark (a Windows editor): refused, `Configuration must be provided as a JSON file`.
# The connector stores each configuration value as a row.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for k, v in sorted(configuration.items()):
        op.upsert("config", {"key": k, "value": v})
    op.checkpoint({"keys": len(configuration)})


connector = Connector(update=update)
