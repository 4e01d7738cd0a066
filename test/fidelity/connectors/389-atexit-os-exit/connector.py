# An atexit handler that ends the process with os._exit(6) after the sync failed (update() raised after a
# checkpoint): SYNC FAILED is printed, and fivetran debug's exit code is 6.
import atexit
import os

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    atexit.register(os._exit, 6)
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    op.upsert("t", {"id": 2})
    raise RuntimeError("page 2 failed")


connector = Connector(update=update)
