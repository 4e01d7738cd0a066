# Reads its settings from configuration.json.
import json

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    log.info("config keys: " + ", ".join(sorted(configuration)))
    for k, v in sorted(configuration.items()):
        op.upsert("settings", {"key": k, "value": v[:200] if isinstance(v, str) else json.dumps(v), "length": len(str(v))})
    op.checkpoint({"seen": len(configuration)})


connector = Connector(update=update)
