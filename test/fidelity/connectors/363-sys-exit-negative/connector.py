# sys.exit(-1), as C programs do: the process's exit status is 255.
import sys

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    sys.exit(-1)


connector = Connector(update=update)
