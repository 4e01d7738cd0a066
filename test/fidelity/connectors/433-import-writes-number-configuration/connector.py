# A connector that fills in defaults as it loads, writing configuration.json back with a number in it.
import json

from fivetran_connector_sdk import Connector, Operations as op

with open("configuration.json") as f:
    settings = json.load(f)
settings.setdefault("page_size", 100)
with open("configuration.json", "w") as f:
    json.dump(settings, f)


def update(configuration, state):
    op.upsert("items", {"id": 1, "page_size": configuration.get("page_size")})
    op.checkpoint({"n": 1})


connector = Connector(update=update)
