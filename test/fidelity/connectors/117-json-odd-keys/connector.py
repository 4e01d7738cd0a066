# JSON values with non-str keys (int, float, bool, None, and keys that collide once written as text), nested NaN,
# infinities, big ints, -0.0 and 1e16, in a declared JSON column and an undeclared one, keyed and key-less.
from fivetran_connector_sdk import Connector, Operations as op

VALUES = [{"plain": 1}, {1: "a", "1": "b"}, {True: 1, "true": 2, None: 3, 1.5: 4}, {"n": float("nan")},
          {"i": [float("inf"), float("-inf")]}, {"big": 2**64 + 1, "neg": -(2**70)}, {"z": -0.0, "e": 1e16},
          [1.0, -0.0, 2**53 + 1, 5e-324, 1.7976931348623157e308], {"deep": [[[{"x": None}]]]}, {"": ""}, [], {},
          {"s": "\u00e9\U0001F600"}, {"t": "\x00"}, {2: 1, 10: 2, 1: 3}]


def schema(configuration):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "j": "JSON"}}]


def update(configuration, state):
    for i, v in enumerate(VALUES):
        op.upsert("declared", {"id": i, "j": v})
        op.upsert("inferred", {"id": i, "j": v})
        op.upsert("keyless", {"j": v})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
