# connector.py reads a field list from fields.json at import, a file the user forgot to create: the
# FileNotFoundError raised while connector.py loads makes `fivetran debug` say `connector.py not found in …`
# (exit code 1, no files/).
import json
from fivetran_connector_sdk import Connector, Operations as op

with open("fields.json", encoding="utf-8") as f:
    FIELDS = json.load(f)


def update(configuration, state):
    op.upsert("t", {field: None for field in FIELDS})


connector = Connector(update=update)
