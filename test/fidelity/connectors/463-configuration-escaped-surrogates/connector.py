# configuration.json written by a script with json.dumps (ASCII escapes), one key pasted badly (half an emoji).
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    op.upsert("config", {"k": "name", "v": configuration["name"]})
    op.upsert("config", {"k": "note", "v": configuration["note"]})
    op.upsert("config", {"k": "key length", "v": str(len(configuration["api_key"]))})
    op.checkpoint({"ok": 1})
    raise RuntimeError("401 Unauthorized for key " + configuration["api_key"] + " (" + configuration["name"] + ")")


connector = Connector(update=update)
