# A newcomer's connector that saves its downloads to a file named `files` beside connector.py (as it loads), where
# `fivetran debug` keeps its warehouse folder: the run cannot make files/.
from fivetran_connector_sdk import Connector, Operations as op

with open("files", "w") as f:
    f.write("id,name\n1,Ada\n")


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})


connector = Connector(update=update)
