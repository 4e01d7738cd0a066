# One shape, one column whose value type changes from row to row (int, float, str, dict, list, bool, None, big ints,
# integral floats, -0.0, extreme floats), in one batch and across checkpoints, in a keyed and a key-less table: rows
# of a shape seen before take the harness's fast path, which converts some values in place. The text columns get a
# text value first (a column widened to text within a checkpoint is case 56's known difference when spilling); the
# numbers table only widens between number types.
from fivetran_connector_sdk import Connector, Operations as op

NUMBERS = [1, 2.5, 3.0, True, None, 2**53 + 1, -0.0, 1e16, 5e-324, 1.7976931348623157e308, 2**64 + 1, -(2**63), 2**63,
           0.1, -7, False, 1e-7, 2**53, -(2**53), 1e22, 123456789.0]
VALUES = NUMBERS + ["4", {"a": 1}, [1, 2.0], "", {"n": [2**64, -0.0, 1e16]}]


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]}, {"table": "numbers", "primary_key": ["id"]}]


def update(configuration, state):
    op.upsert("keyed", {"id": -1, "v": "text", "w": "text"})
    op.upsert("keyless", {"v": "text", "n": -1})
    for i, v in enumerate(VALUES):
        op.upsert("keyed", {"id": i, "v": v, "w": VALUES[-1 - i]})
        op.upsert("keyless", {"v": v, "n": i % 3})
        if i < len(NUMBERS):
            op.upsert("numbers", {"id": i, "v": v, "w": NUMBERS[-1 - i]})
        if i % 7 == 6:
            op.checkpoint({"at": i})
    # The same shapes again, values in another order: the plans made above are reused.
    for i, v in enumerate(reversed(VALUES)):
        op.upsert("keyed", {"id": 100 + i, "v": v, "w": v})
        op.upsert("keyless", {"v": v, "n": 5})
        if v in NUMBERS:
            op.upsert("numbers", {"id": 100 + i, "v": v, "w": v})
    op.checkpoint({"at": "end"})


connector = Connector(update=update, schema=schema)
