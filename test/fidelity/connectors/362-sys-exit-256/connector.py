# sys.exit() with a status past 255 (an HTTP status code passed on): the process's exit status is 256 % 256.
import sys

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    op.upsert("t", {"id": 2})
    sys.exit(256)


connector = Connector(update=update)
