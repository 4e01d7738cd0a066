# sys.exit(2.5): not an int, so Python prints it and ends with 1.
import sys

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    sys.exit(2.5)


connector = Connector(update=update)
