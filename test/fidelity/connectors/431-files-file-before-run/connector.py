# A folder where a file named "files" was left (notes, an export) before the first run: fivetran debug imports the
# connector, then cannot make its files/ folder.
from fivetran_connector_sdk import Connector, Operations as op

print("loading connector")


def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"n": 1})


connector = Connector(update=update)
