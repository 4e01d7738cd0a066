# Two mistakes at once: a number in configuration.json (`"page_size": 100`), and a files/state.json that is not JSON
# (the connector writes it as it loads, as a newcomer's reset script might). `fivetran debug` reads the state before
# it checks the configuration's values: the state's error is the one reported.
import os
from fivetran_connector_sdk import Connector, Operations as op

os.makedirs("files", exist_ok=True)
with open(os.path.join("files", "state.json"), "w") as f:
    f.write("cursor=2024-01-01\n")


def update(configuration, state):
    op.upsert("t", {"id": 1})


connector = Connector(update=update)
