# os._exit(300): the status is 300 & 255 = 44.
import os

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    os._exit(300)


connector = Connector(update=update)
