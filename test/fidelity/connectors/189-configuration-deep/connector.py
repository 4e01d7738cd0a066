# configuration.json with a value nested 100,000 deep: the SDK's json.loads fails with a RecursionError it does not
# catch (exit code 1, Python's traceback, no files/).
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})


connector = Connector(update=update)
