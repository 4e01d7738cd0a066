# A connector that reads FIVETRAN_DEPLOYMENT_MODEL (and the other variables `fivetran debug` sets for a local run)
# at import, in update() and in an atexit handler (which writes them into files/state.json). `fivetran debug` sets
# them only while it runs the sync, after connector.py has loaded, and removes them after: at import and at exit
# they are not set.
import atexit
import json
import os
from fivetran_connector_sdk import Connector, Operations as op

NAMES = ["FIVETRAN_DEPLOYMENT_MODEL", "FIVETRAN_CONNECTION_ID", "FIVETRAN_CONNECTION_NAME", "FIVETRAN_GROUP_ID"]
AT_IMPORT = {name: os.environ.get(name) for name in NAMES}
IS_LOCAL = os.environ.get("FIVETRAN_DEPLOYMENT_MODEL") == "local_debug"


def at_exit():
    with open(os.path.join("files", "state.json"), "w", encoding="utf-8") as f:
        json.dump({"at_exit": {name: os.environ.get(name) for name in NAMES}}, f)


atexit.register(at_exit)


def update(configuration, state):
    in_update = {name: os.environ.get(name) for name in NAMES}
    for name in NAMES:
        op.upsert("environment", {"name": name, "at_import": AT_IMPORT[name], "in_update": in_update[name]})
    op.upsert("flags", {"id": 1, "is_local_at_import": IS_LOCAL,
                        "is_local_in_update": os.environ.get("FIVETRAN_DEPLOYMENT_MODEL") == "local_debug"})
    op.checkpoint({"synced": True})


connector = Connector(update=update)
