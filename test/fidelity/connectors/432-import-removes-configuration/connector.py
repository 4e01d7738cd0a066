# A connector that moves its settings into environment variables as it loads and deletes configuration.json, as a
# "keep secrets out of the repo" snippet does: fivetran debug reads the file only after the import.
import json
import os

from fivetran_connector_sdk import Connector, Operations as op

if os.path.exists("configuration.json"):
    with open("configuration.json") as f:
        os.environ["API_KEY"] = json.load(f).get("api_key", "")
    os.remove("configuration.json")


def update(configuration, state):
    op.upsert("items", {"id": 1, "has_key": bool(os.environ.get("API_KEY"))})
    op.checkpoint({"n": 1})


connector = Connector(update=update)
