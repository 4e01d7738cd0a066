# The template's `connector.debug()` left at the bottom of connector.py without its `if __name__ == "__main__":`
# guard: it runs while `fivetran debug` imports the file, without a configuration, and refuses the run.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    n = state.get("n", 0) + 1
    op.upsert("t", {"id": n})
    op.checkpoint({"n": n})


connector = Connector(update=update)
connector.debug()
