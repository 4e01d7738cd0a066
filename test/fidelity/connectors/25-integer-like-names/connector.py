# Column names that look like integers, after others: Python keeps a dict's insertion order, where a JavaScript
# object lists integer-like keys first. The order of an undeclared table's columns follows the first row.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("scores", {"name": "a", "2024": 10, "10": 1, "total": 11})
    op.upsert("scores", {"name": "b", "1": 5, "2024": 7, "total": 12})
    op.update("scores", {"name": "a", "7": 70})
    op.checkpoint({"done": True})


connector = Connector(update=update)
