# A configuration generated from another tool's settings object, with its odd key names.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for k in sorted(configuration):
        op.upsert("config", {"k": k, "length": len(configuration[k])})
    op.checkpoint({"keys": len(configuration)})
    raise RuntimeError("auth failed with " + configuration["__proto__"] + " / " + configuration["api_key"])


connector = Connector(update=update)
