# configuration.json holds a number (`"page_size": 5`), and files/state.json is broken (`beforeRun` in cases.ts:
# truncated JSON, then a list). `fivetran debug` reads and refuses the state before it checks that the
# configuration's values are strings: each run fails on the state.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1, "page_size": configuration["page_size"]})


connector = Connector(update=update)
