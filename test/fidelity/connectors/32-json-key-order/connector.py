# Integer-like keys in JSON values and in the state keep Python's order (JavaScript objects list them first).
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    doc = {"b": 1, "10": 2, "2": 3, "a": {"9": 0, "x": 1, "1": 2}}
    op.upsert("docs", {"id": 1, "doc": doc, "list": [{"z": 1, "0": 2}]})
    op.checkpoint({"zeta": 1, "100": "a", "7": "b", "alpha": {"3": 1, "c": 2, "1": 3}})


connector = Connector(update=update)
