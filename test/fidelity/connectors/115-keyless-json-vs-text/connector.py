# Key-less rows whose cells read back alike: a dict and the text json.dumps gives for it, a list and its text, a big
# int and its text, 1e16 and 10000000000000000.0, -0.0 and 0.0, True and "true". Each pair sent twice, in the fast
# path (the shape is seen first with plain values) and in the general one (a new shape).
import json

from fivetran_connector_sdk import Connector, Operations as op

PAIRS = [({"a": 1}, json.dumps({"a": 1})), ([1, "x"], json.dumps([1, "x"])), (2**60, str(2**60)),
         (1e16, 10000000000000000.0), (-0.0, 0.0), (True, "true"), (2**53 + 1, "9007199254740993"),
         ({"k": 1.0}, '{"k": 1.0}'), (3.0, "3.0"), (1, "1"), (2**70, float(2**70))]


def update(configuration, state):
    op.upsert("fast", {"v": "seed", "tag": 0})
    for i, (a, b) in enumerate(PAIRS):
        op.upsert("fast", {"v": a, "tag": i})
        op.upsert("fast", {"v": b, "tag": i})
        # A new shape for each pair: the general path.
        op.upsert("general_%d" % i, {"v": a})
        op.upsert("general_%d" % i, {"v": b})
    op.checkpoint({})


connector = Connector(update=update)
