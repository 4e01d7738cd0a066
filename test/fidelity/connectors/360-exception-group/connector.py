# Workers' failures gathered into an ExceptionGroup (as asyncio.TaskGroup raises): the sync fails with it.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    op.upsert("pages", {"id": 1})
    op.checkpoint({"done": [1]})
    errors = [ValueError("page 2: bad cursor"), TimeoutError("page 3 timed out")]
    raise ExceptionGroup("2 pages failed", errors)


connector = Connector(update=update)
