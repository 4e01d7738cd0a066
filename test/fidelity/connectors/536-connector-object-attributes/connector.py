# The Connector object during a sync, as code that reaches for the module-level `connector` sees it: its
# configuration, state and project_path attributes at import, in schema() and in update(); whether schema() and
# update() get those very dicts; and schema() filling in a default with configuration.setdefault(), which update()
# sees only when configuration.json was not empty. Two runs: configuration.json `{}`, then (written between the
# runs) a real one. One row per fact and run.
import json
import os

from fivetran_connector_sdk import Connector, Operations as op

SEEN = {}


def attributes(where, configuration=None, state=None):
    SEEN[where + " configuration"] = connector.configuration if "connector" in globals() else "no connector yet"
    SEEN[where + " state"] = connector.state if "connector" in globals() else "no connector yet"
    path = getattr(connector, "project_path", "absent") if "connector" in globals() else "no connector yet"
    if isinstance(path, str) and os.path.isabs(path):
        path = ("absolute", os.path.samefile(path, os.path.dirname(os.path.abspath(__file__))))
    SEEN[where + " project_path"] = path
    if configuration is not None:
        SEEN[where + " gets connector.configuration"] = configuration is connector.configuration
    if state is not None:
        SEEN[where + " gets connector.state"] = state is connector.state


def schema(configuration):
    attributes("schema", configuration)
    configuration.setdefault("page_size", "100")
    return [{"table": "attribute_facts", "primary_key": ["run", "fact"]}]


def update(configuration, state):
    attributes("update", configuration, state)
    SEEN["update page_size"] = configuration.get("page_size", "missing")
    run = state.get("run", 0) + 1
    for fact, value in SEEN.items():
        op.upsert("attribute_facts", {"run": run, "fact": fact, "value": json.dumps(value, sort_keys=True, default=repr)})
    op.checkpoint({"run": run})


connector = Connector(update=update, schema=schema)
attributes("import")
