# A connector that puts the SDK's version in its API User-Agent, as agents write it: importlib.metadata's version of
# the distribution (by its two spellings), with the module's __version__ as the fallback; the header is stored.
from importlib import metadata

import fivetran_connector_sdk
from fivetran_connector_sdk import Connector, Operations as op


def sdk_version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not-found:" + getattr(fivetran_connector_sdk, "__version__", "?")


def update(configuration, state):
    op.upsert("client", {"id": 1, "user_agent": f"acme-connector/1.0 fivetran-sdk/{sdk_version('fivetran-connector-sdk')}"})
    op.upsert("client", {"id": 2, "user_agent": f"acme-connector/1.0 fivetran-sdk/{sdk_version('fivetran_connector_sdk')}"})
    op.checkpoint({"ok": True})


connector = Connector(update=update)
